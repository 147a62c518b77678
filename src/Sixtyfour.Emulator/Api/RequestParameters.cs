using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Api;

/// <summary>Reads path, query and body values, failing with FastAPI's 422 items when they do not parse.</summary>
public static class RequestParameters
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    public static Guid Uuid(string location, string name, string? value)
    {
        if (value is null)
        {
            throw ApiException.Missing(location, name);
        }

        return Guid.TryParse(value, out var id)
            ? id
            : throw ApiException.Invalid("uuid_parsing", "Input should be a valid UUID", value, new JsonObject { ["error"] = "invalid UUID" }, location, name);
    }

    public static string RequiredQuery(HttpRequest request, string name) =>
        request.Query[name].LastOrDefault() ?? throw ApiException.Missing("query", name);

    public static bool Boolean(HttpRequest request, string name, bool defaultValue)
    {
        if (request.Query[name].LastOrDefault() is not { } text)
        {
            return defaultValue;
        }

        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? false
            : throw ApiException.Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input", text, null, "query", name);
    }

    public static int Integer(HttpRequest request, string name, int defaultValue, int minimum, int maximum)
    {
        if (request.Query[name].LastOrDefault() is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiException.Invalid("int_parsing", "Input should be a valid integer, unable to parse string as an integer", text, null, "query", name);
        }

        return value switch
        {
            _ when value < minimum => throw ApiException.Invalid("greater_than_equal", $"Input should be greater than or equal to {minimum}", text, new JsonObject { ["ge"] = minimum }, "query", name),
            _ when value > maximum => throw ApiException.Invalid("less_than_equal", $"Input should be less than or equal to {maximum}", text, new JsonObject { ["le"] = maximum }, "query", name),
            _ => value,
        };
    }

    /// <summary>Every value of a repeatable query parameter, each checked against <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> Choices(HttpRequest request, string name, IReadOnlyList<string> allowed) =>
        [.. request.Query[name].Select((text, index) => Choice(text, allowed, "query", name, index))];

    /// <summary>One value of a single query parameter, or <paramref name="defaultValue"/> when absent.</summary>
    public static string Choice(HttpRequest request, string name, string defaultValue, IReadOnlyList<string> allowed) =>
        request.Query[name].LastOrDefault() is { } text ? Choice(text, allowed, "query", name) : defaultValue;

    /// <summary>
    /// The largest JSON body read (uploads, being streamed, have the larger request limit): a JSON body
    /// is parsed whole, and its tree takes many times its size in memory.
    /// </summary>
    public const int MaxJsonBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Reads an optional JSON object body; an empty body gives null. Over <see cref="MaxJsonBodyBytes"/>
    /// → 413; a duplicate key → 422 <c>json_invalid</c> at the key; text that is not valid Unicode (a lone
    /// surrogate escape such as <c>"\ud800"</c>) → 422 <c>string_unicode</c> at its location.
    /// </summary>
    public static async Task<JsonObject?> OptionalJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxJsonBodyBytes)
        {
            throw BodyTooLarge();
        }

        using var buffer = new MemoryStream((int)(request.ContentLength ?? 0));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxJsonBodyBytes)
            {
                throw BodyTooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        return ParseJsonObject(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>A whole JSON body, checked as <see cref="OptionalJsonObjectAsync"/> describes; <c>null</c> gives null.</summary>
    public static JsonObject? ParseJsonObject(ReadOnlyMemory<byte> json)
    {
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                CheckText(document.RootElement, ["body"]);
            }
        }
        catch (JsonException exception)
        {
            throw JsonDecodeError(exception);
        }

        var body = JsonNode.Parse(json.Span);
        return body switch
        {
            null => null,
            JsonObject value => value,
            _ => throw ApiException.Invalid("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", body.DeepClone(), null, "body"),
        };
    }

    /// <summary>Text that is not JSON: 422 <c>json_invalid</c> at the byte where it goes wrong.</summary>
    public static ApiException JsonDecodeError(JsonException exception) =>
        ApiException.Invalid("json_invalid", "JSON decode error", new JsonObject(), new JsonObject { ["error"] = exception.Message }, "body", exception.BytePositionInLine ?? 0);

    public static ApiException BodyTooLarge() =>
        ApiException.Detail(StatusCodes.Status413PayloadTooLarge, $"Request body too large: JSON bodies are limited to {MaxJsonBodyBytes / (1024 * 1024)} MB.");

    /// <summary>
    /// Every string and key must decode to valid UTF-16, and keys must be unique: the parser accepts both,
    /// and the tree built from it fails later (a 500, or a run's files half written).
    /// </summary>
    public static void CheckText(JsonElement element, List<JsonNode> location)
    {
        if (!IsPlainText(JsonMarshal.GetRawUtf8Value(element)))
        {
            CheckTextStrictly(element, location);
        }
    }

    // Objects with more keys than this are checked for repeats with a set of their names instead.
    private const int MaxPairwiseKeys = 32;

    /// <summary>
    /// True when every string and key of a well-formed JSON value is ASCII without escapes, so it decodes, and no object
    /// repeats a key: a typical body, checked in one pass over its bytes without making a string. Anything else takes the
    /// strict path, which names the fault and tries this one again on each value below.
    /// </summary>
    public static bool IsPlainText(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        // The keys of the objects open around the reader, as places in json; (-1, 0) marks where an object's keys begin.
        var keys = new List<(int Start, int Length)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    keys.Add((-1, 0));
                    break;
                case JsonTokenType.EndObject:
                    var open = keys.Count - 1;
                    while (keys[open].Start >= 0)
                    {
                        open--;
                    }

                    keys.RemoveRange(open, keys.Count - open);
                    break;
                case JsonTokenType.PropertyName:
                    if (!IsPlain(ref reader) || RepeatsEarlierKey(json, keys, reader.ValueSpan))
                    {
                        return false;
                    }

                    keys.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
                    break;
                case JsonTokenType.String when !IsPlain(ref reader):
                    return false;
            }
        }

        return true;
    }

    private static bool IsPlain(ref Utf8JsonReader reader) => !reader.ValueIsEscaped && Ascii.IsValid(reader.ValueSpan);

    /// <summary>Whether the open object has this key already; true too when it has too many keys to compare them pairwise.</summary>
    private static bool RepeatsEarlierKey(ReadOnlySpan<byte> json, List<(int Start, int Length)> keys, ReadOnlySpan<byte> name)
    {
        var compared = 0;
        for (var i = keys.Count - 1; keys[i].Start >= 0; i--)
        {
            if (++compared > MaxPairwiseKeys || name.SequenceEqual(json.Slice(keys[i].Start, keys[i].Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckTextStrictly(JsonElement element, List<JsonNode> location)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Decode(() => element.GetString(), location);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    location.Add(index++);
                    CheckText(item, location);
                    location.RemoveAt(location.Count - 1);
                }

                break;
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Decode(() => property.Name, location);
                    location.Add(name);
                    if (!names.Add(name))
                    {
                        throw ApiException.Invalid("json_invalid", $"JSON decode error: duplicate key '{name}'", null, null, [.. location]);
                    }

                    CheckText(property.Value, location);
                    location.RemoveAt(location.Count - 1);
                }

                break;
        }
    }

    public static string Decode(Func<string?> text, List<JsonNode> location)
    {
        try
        {
            return text() ?? string.Empty;
        }
        catch (InvalidOperationException exception)
        {
            throw ApiException.Invalid("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string", null, new JsonObject { ["error"] = exception.Message }, [.. location]);
        }
    }

    private static string Choice(string? text, IReadOnlyList<string> allowed, params JsonNode[] location)
    {
        if (allowed.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return match;
        }

        var expected = $"{string.Join(", ", allowed.SkipLast(1).Select(choice => $"'{choice}'"))} or '{allowed[^1]}'";
        throw ApiException.Invalid("enum", $"Input should be {expected}", text, new JsonObject { ["expected"] = expected }, location);
    }
}
