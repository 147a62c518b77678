using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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
        var key = columns is null
            ? row.OrderBy(property => property.Key, StringComparer.Ordinal).Select(property => $"{property.Key}={RowValues.Canonical(property.Value)}")
            : columns.Select(column => row.ContainsKey(column) ? RowValues.Canonical(row[column]) : "<absent>");
        return Digest(string.Join('\u001f', key));
    }

    private static UInt128 Digest(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}
