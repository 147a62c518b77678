using System.Globalization;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>group_by</c>: one row per distinct value of <c>columns</c> (first-seen order) with those columns,
/// <c>count</c>, and each of <c>aggregations</c> (<c>{"output": {"column": c, "function": f}}</c>, f one
/// of count, sum, first, list). Holds one accumulator per group; <c>sum</c> of a non-number fails the block.
/// </summary>
public sealed class GroupByBlock : RowBlock
{
    private static readonly string[] Functions = ["count", "sum", "first", "list"];

    public override string Name => "group_by";

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "columns": { "type": ["array", "string"], "items": { "type": "string" } },
            "aggregations": {
              "type": "object",
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "column": { "type": "string" },
                  "function": { "type": "string", "enum": ["count", "sum", "first", "list"] }
                },
                "required": ["column", "function"]
              }
            }
          },
          "required": ["columns"],
          "additionalProperties": false
        }
        """);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var columns = specs.GetStringList("columns") ?? throw new BlockSpecsException("Spec 'columns' is required.");
        var aggregations = (specs.GetObject("aggregations") ?? [])
            .Select(aggregation => Aggregation(aggregation.Key, aggregation.Value))
            .ToList();
        var groups = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        return new RowProcessor(
            row =>
            {
                var key = string.Join('\u001f', columns.Select(column => RowValues.Canonical(row[column])));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new JsonObject();
                    foreach (var column in columns)
                    {
                        group[column] = row[column]?.DeepClone();
                    }

                    group["count"] = 0L;
                    foreach (var (output, _, function) in aggregations)
                    {
                        group[output] = function switch { "list" => new JsonArray(), "count" => 0L, "sum" => 0.0, _ => null };
                    }

                    groups[key] = group;
                }

                group["count"] = group["count"]!.GetValue<long>() + 1;
                foreach (var (output, column, function) in aggregations)
                {
                    Accumulate(group, output, function, column, row[column]);
                }

                return [];
            },
            () => groups.Values);
    }

    private static void Accumulate(JsonObject group, string output, string function, string column, JsonNode? value)
    {
        switch (function)
        {
            case "count" when value is not null:
                group[output] = group[output]!.GetValue<long>() + 1;
                break;
            case "sum" when value is not null:
                var number = RowValues.Number(value)
                    ?? throw new InvalidDataException($"group_by cannot sum non-numeric value {RowValues.Canonical(value)} of column '{column}'.");
                group[output] = group[output]!.GetValue<double>() + number;
                break;
            case "first" when group[output] is null && value is not null:
                group[output] = value.DeepClone();
                break;
            case "list":
                group[output]!.AsArray().Add(value?.DeepClone());
                break;
        }
    }

    private static (string Output, string Column, string Function) Aggregation(string output, JsonNode? definition)
    {
        var specs = new BlockSpecs(definition as JsonObject ?? throw new BlockSpecsException($"aggregations.{output} must be an object."));
        return (
            output,
            specs.GetString("column") ?? throw new BlockSpecsException($"aggregations.{output} needs a column."),
            specs.GetChoice("function", string.Empty, Functions));
    }
}
