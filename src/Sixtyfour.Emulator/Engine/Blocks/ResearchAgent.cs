using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>research_agent</c> (any), emulated: adds <c>research_summary</c> (text naming the prompt) and each of
/// <c>return_fields</c>, all derived from a stable hash of the row and <c>prompt</c>.
/// </summary>
public sealed class ResearchAgentBlock : ReturnFieldsBlock
{
    public override string Name => "research_agent";

    public override decimal CreditsPerRow => 5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "description": "What to research about each row." },
            "return_fields": {{ReturnFieldsSchema}}
          },
          "required": ["prompt"],
          "additionalProperties": false
        }
        """);

    protected override string[] SeedParts(BlockSpecs specs) => [specs.GetString("prompt") ?? string.Empty];

    protected override Action<JsonObject, string> PrepareExtra(BlockSpecs specs)
    {
        var prompt = specs.GetString("prompt") ?? string.Empty;
        return (row, seed) => row["research_summary"] = $"Research on '{RowValues.Fill(prompt, row)}': finding {Emulated.Tag(seed, "summary")}";
    }
}
