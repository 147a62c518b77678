using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>leads_to_company</c> (LEAD → COMPANY): one row per distinct company (by domain, else by
/// <c>company_name</c>, case-insensitive), first-seen order, with <c>company_name</c>,
/// <c>company_domain</c> and <c>lead_count</c>. Leads with neither are dropped.
/// </summary>
public sealed class LeadsToCompanyBlock : RowBlock
{
    public override string Name => "leads_to_company";

    public override string? InputType => DataframeTypes.Lead;

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        { "type": "object", "properties": {}, "additionalProperties": false }
        """);

    public override string OutputType => DataframeTypes.Company;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var companies = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        return new RowProcessor(
            lead =>
            {
                var domain = RowValues.Domain(lead);
                var name = RowValues.NonEmptyString(lead, "company_name") ?? RowValues.NonEmptyString(lead, "company");
                if ((domain ?? name) is not { } key)
                {
                    return [];
                }

                if (!companies.TryGetValue(key, out var company))
                {
                    companies[key] = company = new JsonObject { ["company_name"] = name ?? domain, ["company_domain"] = domain ?? string.Empty, ["lead_count"] = 0L };
                }

                company["lead_count"] = company["lead_count"]!.GetValue<long>() + 1;
                return [];
            },
            () => companies.Values);
    }
}
