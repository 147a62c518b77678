using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>transform_data</c> (any), emulated: adds each of <c>return_fields</c> (the columns the transformation
/// produces) with a value of its type derived from a stable hash of the row and <c>prompt</c>.
/// </summary>
public sealed class TransformDataBlock : ReturnFieldsBlock
{
    public override string Name => "transform_data";

    public override decimal CreditsPerRow => 0.5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "description": "How to transform each row." },
            "return_fields": {{ReturnFieldsSchema}}
          },
          "required": ["prompt", "return_fields"],
          "additionalProperties": false
        }
        """);

    protected override string[] SeedParts(BlockSpecs specs) => [specs.GetString("prompt") ?? string.Empty];
}
