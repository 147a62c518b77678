using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>find_subdomains</c> (any), emulated: for the row's domain (<c>company_domain</c>, <c>domain</c> or
/// <c>website</c>), adds <c>subdomains</c>: <c>www</c>, <c>app</c> and <c>api</c>, then those of mail, blog,
/// docs, status and dev that a stable hash of the domain picks, in that order; [] without a domain.
/// </summary>
public sealed class FindSubdomainsBlock : RowBlock
{
    private static readonly string[] Candidates = ["app", "api", "mail", "blog", "docs", "status", "dev"];

    public override string Name => "find_subdomains";

    public override decimal CreditsPerRow => 0.5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        { "type": "object", "properties": {}, "additionalProperties": false }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs) => RowProcessor.Map(row =>
    {
        var domain = RowValues.Domain(row);
        var found = domain is null ? [] : Candidates.Where((name, index) => Emulated.Hash(domain, name) % 2 == 0 || index < 2).Prepend("www");
        row["subdomains"] = new JsonArray([.. found.Select(name => (JsonNode)$"{name}.{domain}")]);
        return row;
    });
}
