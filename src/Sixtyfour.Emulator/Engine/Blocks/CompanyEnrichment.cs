using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>company_enrichment</c> (COMPANY): adds each of <c>return_fields</c> with an emulated value; with
/// <c>find_people</c>, also a <c>people</c> list of two emulated contacts.
/// </summary>
public sealed class CompanyEnrichmentBlock : ReturnFieldsBlock
{
    public override string Name => "company_enrichment";

    public override decimal CreditsPerRow => 2m;

    public override string? InputType => DataframeTypes.Company;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "return_fields": {{ReturnFieldsSchema}},
            "find_people": { "type": "boolean", "default": false },
            "people_focus_prompt": { "type": "string" }
          },
          "required": ["return_fields"],
          "additionalProperties": false
        }
        """);

    protected override Action<JsonObject, string> PrepareExtra(BlockSpecs specs)
    {
        if (!specs.GetBoolean("find_people", false))
        {
            return (_, _) => { };
        }

        return (row, seed) => row["people"] = new JsonArray(
            [.. Enumerable.Range(1, 2).Select(index => (JsonNode)new JsonObject
            {
                ["full_name"] = EmulatedPeople.FullName(seed, index),
                ["title"] = EmulatedPeople.Title(seed, index),
            })]);
    }
}
