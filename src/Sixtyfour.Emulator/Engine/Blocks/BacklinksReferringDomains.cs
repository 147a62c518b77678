using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>backlinks_referring_domains</c> (any), emulated: for the row's domain (<c>company_domain</c>,
/// <c>domain</c> or <c>website</c>), adds <c>referring_domains_count</c> and <c>referring_domains</c>
/// (up to <c>max_domains</c>, default 5, made-up <c>.example</c> sites); 0 and [] without a domain.
/// </summary>
public sealed class BacklinksReferringDomainsBlock : RowBlock
{
    public override string Name => "backlinks_referring_domains";

    public override decimal CreditsPerRow => 0.5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "max_domains": { "type": "integer", "default": 5, "minimum": 0, "maximum": 100, "description": "How many referring domains to list." }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var max = specs.Values["max_domains"]?.GetValue<int>() ?? 5;
        return RowProcessor.Map(row =>
        {
            var domain = RowValues.Domain(row);
            var count = domain is null ? 0 : Emulated.Between(domain, "backlinks", max, max + 500);
            row["referring_domains_count"] = count;
            row["referring_domains"] = new JsonArray([.. Enumerable.Range(1, domain is null ? 0 : max).Select(index => (JsonNode)Emulated.DomainOf(Emulated.CompanyName(domain!, index)))]);
            return row;
        });
    }
}
