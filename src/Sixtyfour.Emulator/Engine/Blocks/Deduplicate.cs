using System.Buffers;
using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>deduplicate</c>: keeps the first row of each distinct key, the key being the values of
/// <c>columns</c> (default: all columns, compared regardless of key order). Values compare exactly,
/// with their JSON types. Only a 16-byte digest per distinct key is kept in memory.
/// </summary>
public sealed class DeduplicateBlock : RowBlock
{
    public override string Name => "deduplicate";

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "columns": { "type": ["array", "string"], "items": { "type": "string" }, "description": "Columns forming the key; default all columns." }
          },
          "additionalProperties": false
        }
        """);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var columns = specs.GetStringList("columns");
        var seen = new HashSet<UInt128>();
        return RowProcessor.Map(row => seen.Add(Key(row, columns)) ? row : null);
    }

    /// <summary>The digest of a row's key: the values of <paramref name="columns"/>, or of all columns regardless of order when null.</summary>
    public static UInt128 Key(JsonObject row, IReadOnlyList<string>? columns)
    {
        // The key is written as JSON into a buffer kept per thread (blocks call this synchronously):
        // one value per column as [value], or [] when absent; all columns as [name, value] pairs sorted
        // by name. That text is unambiguous, so equal digests mean equal keys. The digest is a 128-bit
        // XxHash, not a cryptographic one: SHA-256 cost half the key's time, and among a billion keys
        // the odds of a chance collision are about 1e-21 (no input here is chosen to collide).
        var (buffer, json) = keyWriter ??= NewKeyWriter();
        buffer.ResetWrittenCount();
        json.Reset();
        json.WriteStartArray();
        if (columns is null)
        {
            foreach (var (name, value) in row.OrderBy(property => property.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray();
                json.WriteStringValue(name);
                WriteValue(json, value);
                json.WriteEndArray();
            }
        }
        else
        {
            foreach (var column in columns)
            {
                json.WriteStartArray();
                if (row.TryGetPropertyValue(column, out var value))
                {
                    WriteValue(json, value);
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
        json.Flush();
        return XxHash128.HashToUInt128(buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? keyWriter;

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewKeyWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer, WireJson.WriterOptions));
    }

    private static void WriteValue(Utf8JsonWriter json, JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json, WireJson.Options);
        }
    }
}
