using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>yc_companies</c> (any → COMPANY), emulated: companies of the Y Combinator batch <c>query</c>
/// (default <c>{batch}</c>, so it follows <c>yc_batches</c>): the company columns of <c>search</c>
/// plus <c>batch, one_liner, status</c>.
/// </summary>
public sealed class YcCompaniesBlock() : DiscoveryBlock("{batch}", "The batch, e.g. W24.")
{
    private static readonly string[] Statuses = ["Active", "Active", "Active", "Acquired", "Public", "Inactive"];

    public override string Name => "yc_companies";

    public override string OutputType => DataframeTypes.Company;

    protected override JsonObject Result(string query, int index)
    {
        var company = Emulated.Company(query, index);
        company["batch"] = query;
        company["one_liner"] = $"{company["industry"]} software for {Emulated.Pick(["startups", "hospitals", "retailers", "banks", "factories"], query, "market", index)}";
        company["status"] = Emulated.Pick(Statuses, query, "status", index);
        return company;
    }
}
