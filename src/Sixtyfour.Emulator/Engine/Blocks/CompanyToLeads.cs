using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>company_to_leads</c> (COMPANY → LEAD), emulated: <c>max_people</c> (default 3) made-up people per
/// company, each row <c>first_name, last_name, title, company_name, company_domain</c>; the same company
/// always gives the same people.
/// </summary>
public sealed class CompanyToLeadsBlock : RowBlock
{
    public override string Name => "company_to_leads";

    public override decimal CreditsPerRow => 1m;

    public override string? InputType => DataframeTypes.Company;

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "max_people": { "type": "integer", "default": 3, "minimum": 1, "maximum": 10 },
            "people_focus_prompt": { "type": "string" }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    public override string OutputType => DataframeTypes.Lead;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var maxPeople = specs.Values["max_people"]?.GetValue<int>() ?? 3;
        if (maxPeople is < 1 or > 10)
        {
            throw new BlockSpecsException("Spec 'max_people' must be between 1 and 10.");
        }

        return new RowProcessor(company =>
        {
            var seed = RowValues.Canonical(company);
            var name = RowValues.NonEmptyString(company, "company_name") ?? RowValues.NonEmptyString(company, "name") ?? string.Empty;
            var domain = RowValues.Domain(company) ?? string.Empty;
            return Enumerable.Range(1, maxPeople).Select(index => new JsonObject
            {
                ["first_name"] = EmulatedPeople.FirstName(seed, index),
                ["last_name"] = EmulatedPeople.LastName(seed, index),
                ["title"] = EmulatedPeople.Title(seed, index),
                ["company_name"] = name,
                ["company_domain"] = domain,
            });
        });
    }
}
