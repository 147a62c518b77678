using System.Globalization;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// Base of the emulated research blocks (<c>lead_enrichment</c>, <c>company_enrichment</c>, the AI
/// agents, <c>transform_data</c>): every field of <c>return_fields</c> gets a value of its declared
/// <c>type</c>, derived from a stable hash of the incoming row (plus <see cref="SeedParts"/>) and the
/// field name, so the same row always gets the same values.
/// </summary>
public abstract class ReturnFieldsBlock : RowBlock
{
    /// <summary>The <c>type</c> names a return field may declare (default <c>str</c>).</summary>
    protected static readonly string[] FieldTypes = ["str", "int", "float", "bool", "list[str]", "list[int]", "dict"];

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var fields = (specs.GetObject("return_fields") ?? [])
            .Select(field => (Name: field.Key, Type: FieldType(field.Key, field.Value)))
            .ToList();
        var extra = PrepareExtra(specs);
        var seedParts = SeedParts(specs);
        return RowProcessor.Map(row =>
        {
            var seed = Emulated.Seed(row, seedParts);
            foreach (var (name, type) in fields)
            {
                row[name] = Value(type, name, seed);
            }

            extra(row, seed);
            return row;
        });
    }

    /// <summary>What besides the row decides the values (a prompt, a question): none by default.</summary>
    protected virtual string[] SeedParts(BlockSpecs specs) => [];

    /// <summary>Block-specific additions, given the row and its hash seed.</summary>
    protected virtual Action<JsonObject, string> PrepareExtra(BlockSpecs specs) => (_, _) => { };

    /// <summary>The emulated value of <paramref name="field"/>: recognisable, typed, deterministic.</summary>
    protected static JsonNode Value(string type, string field, string seed)
    {
        var hash = RowValues.StableHash(seed, field);
        string Text(int salt) => $"{field}-{RowValues.StableHash(seed, field, salt.ToString(CultureInfo.InvariantCulture)) % 0x10000:x4}";
        return type switch
        {
            "int" => JsonValue.Create((long)(hash % 1000)),
            "float" => JsonValue.Create(hash % 100000 / 100.0),
            "bool" => JsonValue.Create((hash & 1) == 1),
            "list[str]" => new JsonArray(Text(1), Text(2)),
            "list[int]" => new JsonArray((long)(hash % 100), (long)(hash / 100 % 100)),
            "dict" => new JsonObject { ["value"] = Text(0) },
            _ => JsonValue.Create(Text(0)),
        };
    }

    /// <summary>A return field is a description string or <c>{"description", "type"}</c>.</summary>
    private static string FieldType(string name, JsonNode? definition) => definition switch
    {
        JsonObject field => new BlockSpecs(field).GetChoice("type", "str", FieldTypes),
        JsonValue => "str",
        _ => throw new BlockSpecsException($"return_fields.{name} must be a description or an object with description and type."),
    };

    /// <summary>The JSON Schema of <c>return_fields</c>, shared by the subclasses' specs schemas.</summary>
    protected const string ReturnFieldsSchema = """
        {
          "type": "object",
          "description": "Field name -> description string, or {\"description\": ..., \"type\": \"str|int|float|bool|list[str]|list[int]|dict\"}.",
          "additionalProperties": {
            "type": ["string", "object"],
            "properties": {
              "description": { "type": "string" },
              "type": { "type": "string", "enum": ["str", "int", "float", "bool", "list[str]", "list[int]", "dict"] }
            }
          }
        }
        """;
}
