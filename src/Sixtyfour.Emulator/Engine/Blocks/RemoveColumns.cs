using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary><c>remove_columns</c>: drops the listed <c>columns</c> from every row; unknown names are ignored.</summary>
public sealed class RemoveColumnsBlock : RowBlock
{
    public override string Name => "remove_columns";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "columns": { "type": ["array", "string"], "items": { "type": "string" } }
          },
          "required": ["columns"],
          "additionalProperties": false
        }
        """);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var columns = specs.GetStringList("columns") ?? throw new BlockSpecsException("Spec 'columns' is required.");
        return RowProcessor.Map(row =>
        {
            foreach (var column in columns)
            {
                row.Remove(column);
            }

            return row;
        });
    }
}
