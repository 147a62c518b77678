using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>filter</c>: keeps the rows that satisfy <c>filters</c>. Conditions combine left to right, each
/// with its own <c>logic</c> (<c>and</c>, the default, or <c>or</c>) joining it to the result so far.
/// Text comparisons ignore case; <c>greater</c>/<c>less</c> compare numbers (numeric strings count).
/// </summary>
public sealed class FilterBlock : RowBlock
{
    private static readonly string[] Operators =
        ["equals", "not_equals", "contains", "not_contains", "greater", "less", "in", "not_in", "is_empty", "is_not_empty", "matches"];

    public override string Name => "filter";

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "filters": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "column": { "type": "string" },
                  "operator": { "type": "string", "enum": ["equals", "not_equals", "contains", "not_contains", "greater", "less", "in", "not_in", "is_empty", "is_not_empty", "matches"] },
                  "value": { "description": "Compared value; a list for in/not_in, a regular expression for matches, unused for is_empty/is_not_empty." },
                  "logic": { "type": "string", "enum": ["and", "or"], "default": "and" }
                },
                "required": ["column", "operator"]
              }
            }
          },
          "required": ["filters"],
          "additionalProperties": false
        }
        """);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var conditions = (specs.GetArray("filters") ?? []).Select((item, index) => Condition(item, index)).ToList();
        return RowProcessor.Map(row =>
        {
            var keep = true;
            for (var i = 0; i < conditions.Count; i++)
            {
                var (test, or) = conditions[i];
                keep = i == 0 ? test(row) : or ? keep || test(row) : keep && test(row);
            }

            return keep ? row : null;
        });
    }

    private static (Func<JsonObject, bool> Test, bool Or) Condition(JsonNode? item, int index)
    {
        var filter = new BlockSpecs(item as JsonObject ?? throw new BlockSpecsException($"filters[{index}] must be an object."));
        var column = filter.GetString("column") ?? throw new BlockSpecsException($"filters[{index}] needs a column.");
        var op = filter.GetChoice("operator", string.Empty, Operators);
        var or = filter.GetChoice("logic", "and", ["and", "or"]) == "or";
        var value = filter.Values["value"];
        var number = RowValues.Number(value);
        var choices = op is "in" or "not_in" ? List(value, index) : [];
        var pattern = op == "matches" ? Pattern(value, index) : null;
        Func<JsonNode?, bool> test = op switch
        {
            "equals" => cell => AreEqual(cell, value),
            "not_equals" => cell => !AreEqual(cell, value),
            "contains" => cell => Contains(cell, value),
            "not_contains" => cell => !Contains(cell, value),
            "greater" => cell => RowValues.Number(cell) > number,
            "less" => cell => RowValues.Number(cell) < number,
            "in" => cell => choices.Any(choice => AreEqual(cell, choice)),
            "not_in" => cell => !choices.Any(choice => AreEqual(cell, choice)),
            "is_empty" => IsEmpty,
            "is_not_empty" => cell => !IsEmpty(cell),
            _ => cell => cell is not null && pattern!.IsMatch(RowValues.Text(cell)),
        };
        return (row => test(row[column]), or);
    }

    private static bool AreEqual(JsonNode? cell, JsonNode? value) =>
        RowValues.Number(cell) is { } left && RowValues.Number(value) is { } right
            ? left == right
            : string.Equals(RowValues.Text(cell), RowValues.Text(value), StringComparison.OrdinalIgnoreCase);

    private static bool Contains(JsonNode? cell, JsonNode? value) =>
        RowValues.Text(cell).Contains(RowValues.Text(value), StringComparison.OrdinalIgnoreCase);

    private static bool IsEmpty(JsonNode? cell) => cell switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => string.IsNullOrWhiteSpace(RowValues.Text(cell)),
    };

    private static JsonArray List(JsonNode? value, int index) =>
        value as JsonArray ?? throw new BlockSpecsException($"filters[{index}]: in/not_in need a list value.");

    private static Regex Pattern(JsonNode? value, int index)
    {
        try
        {
            return new Regex(RowValues.Text(value), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            throw new BlockSpecsException($"filters[{index}]: invalid regular expression ({exception.Message}).");
        }
    }
}
