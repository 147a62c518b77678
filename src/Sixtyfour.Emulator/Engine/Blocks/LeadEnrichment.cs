using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary><c>lead_enrichment</c> (LEAD): adds each of <c>return_fields</c> with an emulated, deterministic value.</summary>
public sealed class LeadEnrichmentBlock : ReturnFieldsBlock
{
    public override string Name => "lead_enrichment";

    public override decimal CreditsPerRow => 2m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "return_fields": {{ReturnFieldsSchema}},
            "research_plan": { "type": "string" }
          },
          "required": ["return_fields"],
          "additionalProperties": false
        }
        """);
}
