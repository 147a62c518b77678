using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Api;

/// <summary>The parts of a <c>POST /workflows/run</c> body: the payload, stored in the run's directory, and <c>specs_override</c>.</summary>
public sealed record RunRequestBody(RunPayload? WebhookPayload, JsonObject? SpecsOverride);

/// <summary>
/// Reads a run request's JSON body as it arrives: each <c>webhook_payload</c> record is checked and
/// written to the run's payload file as soon as its closing brace is in, so the body is never held
/// whole (the buffer holds one record and a read's worth of bytes) and no tree of all rows is built.
/// The checks are those of <see cref="RequestParameters.OptionalJsonObjectAsync"/>: at most
/// <see cref="RequestParameters.MaxJsonBodyBytes"/> (413), text that is not JSON, a duplicate key or a
/// lone surrogate is a 422 naming where. A body whose root is not an object is read whole (it is an
/// error or <c>null</c>), as before.
/// </summary>
public static class RunRequestBodyReader
{
    private const int ReadSize = 64 * 1024;

    public static async Task<RunRequestBody> ReadAsync(HttpRequest request, string runDirectory, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestParameters.MaxJsonBodyBytes)
        {
            throw RequestParameters.BodyTooLarge();
        }

        using var parser = new Parser(runDirectory);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            int start = 0, end = 0;
            long total = 0;
            while (true)
            {
                if (buffer.Length - end < ReadSize)
                {
                    // Room for the next read: drop what is parsed, and grow only for a record larger than the buffer.
                    var kept = end - start;
                    var target = kept + ReadSize > buffer.Length ? ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + ReadSize)) : buffer;
                    Buffer.BlockCopy(buffer, start, target, 0, kept);
                    if (target != buffer)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = target;
                    }

                    (start, end) = (0, kept);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(end, buffer.Length - end), cancellationToken);
                total += read;
                if (total > RequestParameters.MaxJsonBodyBytes)
                {
                    throw RequestParameters.BodyTooLarge();
                }

                end += read;
                if (read == 0 && total == 0)
                {
                    return new RunRequestBody(null, null);
                }

                if (parser.WholeBody)
                {
                    if (read == 0)
                    {
                        return parser.FromWholeBody(buffer.AsMemory(start, end - start));
                    }

                    continue;
                }

                start += parser.Feed(buffer.AsSpan(start, end - start), isFinalBlock: read == 0);
                if (read == 0)
                {
                    return parser.Complete();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The body's structure, parsed one token or one whole value at a time, resuming where the last block of bytes ended.</summary>
    private sealed class Parser(string runDirectory) : IDisposable
    {
        private const string PayloadName = "webhook_payload";
        private const string SpecsOverrideName = "specs_override";

        private readonly HashSet<string> names = new(StringComparer.Ordinal);
        private JsonReaderState state;
        private Stage stage = Stage.Root;
        private string? property;
        private long index;
        private RunPayloadWriter? payload;
        private JsonObject? specsOverride;

        private enum Stage
        {
            Root,
            Property,
            Value,
            PayloadItem,
            End,
        }

        /// <summary>The root is not an object: the body is read whole and checked as any JSON body.</summary>
        public bool WholeBody { get; private set; }

        public RunRequestBody FromWholeBody(ReadOnlyMemory<byte> body) =>
            RequestParameters.ParseJsonObject(body) is null
                ? new RunRequestBody(null, null)
                : throw new InvalidOperationException("A body starting with '{' is parsed as it streams.");

        public RunRequestBody Complete() => new(payload?.Complete(), specsOverride);

        /// <summary>Parses what it can of <paramref name="data"/>; returns the bytes used, the rest is offered again with more after it.</summary>
        public int Feed(ReadOnlySpan<byte> data, bool isFinalBlock)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, state);
            var used = 0;
            try
            {
                while (stage != Stage.End || isFinalBlock)
                {
                    if (!Step(ref reader, data))
                    {
                        break;
                    }

                    used = (int)reader.BytesConsumed;
                    state = reader.CurrentState;
                    if (WholeBody)
                    {
                        return 0;
                    }
                }
            }
            catch (JsonException exception)
            {
                throw RequestParameters.JsonDecodeError(exception);
            }

            return used;
        }

        /// <summary>One token, or one whole value; false when the bytes run out first (the step is then taken again later).</summary>
        private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            if (!reader.Read())
            {
                return false;
            }

            switch (stage)
            {
                case Stage.Root:
                    WholeBody = reader.TokenType != JsonTokenType.StartObject;
                    stage = Stage.Property;
                    return true;
                case Stage.Property when reader.TokenType == JsonTokenType.EndObject:
                    stage = Stage.End;
                    return true;
                case Stage.Property:
                    property = PropertyName(ref reader);
                    stage = Stage.Value;
                    return true;
                case Stage.Value when property == PayloadName && reader.TokenType == JsonTokenType.StartArray:
                    payload = new RunPayloadWriter(runDirectory);
                    stage = Stage.PayloadItem;
                    return true;
                case Stage.PayloadItem when reader.TokenType == JsonTokenType.EndArray:
                    stage = Stage.Property;
                    return true;
            }

            // A whole value: its bytes must all be here before it is checked.
            var valueStart = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return false;
            }

            var value = data[valueStart..(int)reader.BytesConsumed];
            if (stage == Stage.PayloadItem)
            {
                AddRecord(value, [.. Location(PayloadName), index++]);
                return true;
            }

            stage = Stage.Property;
            switch (property)
            {
                case PayloadName:
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        payload = new RunPayloadWriter(runDirectory);
                        AddRecord(value, Location(PayloadName), asList: false);
                    }

                    break;
                case SpecsOverrideName:
                    specsOverride = Checked(value, Location(SpecsOverrideName)) switch
                    {
                        null => null,
                        JsonObject found => found,
                        var other => throw ApiException.Invalid("dict_type", "Input should be a valid dictionary", other, null, "body", SpecsOverrideName),
                    };
                    break;
                default:
                    Checked(value, Location(property!));
                    break;
            }

            return true;
        }

        /// <summary>A root property's name, which must be valid text and not repeat one before it.</summary>
        private string PropertyName(ref Utf8JsonReader reader)
        {
            string name;
            try
            {
                name = reader.GetString()!;
            }
            catch (InvalidOperationException exception)
            {
                throw ApiException.Invalid("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string", null, new JsonObject { ["error"] = exception.Message }, "body");
            }

            return names.Add(name)
                ? name
                : throw ApiException.Invalid("json_invalid", $"JSON decode error: duplicate key '{name}'", null, null, "body", name);
        }

        /// <summary>One payload record: an object (a list item, or the whole payload as one row), stored as parsed.</summary>
        private void AddRecord(ReadOnlySpan<byte> value, List<JsonNode> location, bool asList = true)
        {
            // A typical record is stored as it came: an object whose text passes the quick check and has no line break
            // (strings cannot hold one, so only the spacing between tokens could), which makes it one NDJSON line as is.
            if (value[0] == (byte)'{' && !value.ContainsAny((byte)'\r', (byte)'\n') && RequestParameters.IsPlainText(value))
            {
                payload!.WriteLine(value);
                return;
            }

            using var document = CheckedDocument(value, location);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                payload!.Write(document.RootElement);
                return;
            }

            var other = JsonNode.Parse(value);
            throw asList
                ? ApiException.Invalid("dict_type", "Input should be a valid dictionary", other, null, [.. location])
                : ApiException.Invalid("list_type", "Input should be a valid list or dictionary", other, null, [.. location]);
        }

        /// <summary>The value as a tree, after its text has passed the checks every body gets.</summary>
        private static JsonNode? Checked(ReadOnlySpan<byte> value, List<JsonNode> location)
        {
            CheckedDocument(value, location).Dispose();
            return JsonNode.Parse(value);
        }

        private static JsonDocument CheckedDocument(ReadOnlySpan<byte> value, List<JsonNode> location)
        {
            var reader = new Utf8JsonReader(value);
            var document = JsonDocument.ParseValue(ref reader);
            try
            {
                RequestParameters.CheckText(document.RootElement, location);
                return document;
            }
            catch
            {
                document.Dispose();
                throw;
            }
        }

        private static List<JsonNode> Location(string name) => ["body", name];

        public void Dispose() => payload?.Dispose();
    }
}
