using System.Globalization;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>yc_batches</c> (source, COMPANY): Y Combinator's batches, one row each (<c>batch, season, year</c>),
/// oldest first: Summer 2005, then Winter and Summer of every year to 2025 (<c>W06</c>, <c>S06</c>, ...),
/// from <c>since_year</c> on when given. A fixed list: nothing is looked up.
/// </summary>
public sealed class YcBatchesBlock : SourceBlock
{
    private const int FirstYear = 2005;
    private const int LastYear = 2025;

    public override string Name => "yc_batches";

    public override string OutputType => DataframeTypes.Company;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "since_year": { "type": "integer", "minimum": 2005, "description": "Only batches of this year and later." }
          },
          "additionalProperties": false
        }
        """);

    public override Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult((long)Batches(specs).Count());

    public override IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken) =>
        Batches(context.Specs).ToAsyncEnumerable();

    private static IEnumerable<JsonObject> Batches(BlockSpecs specs)
    {
        var since = specs.Values["since_year"]?.GetValue<int>() ?? FirstYear;
        return Enumerable.Range(Math.Max(since, FirstYear), Math.Max(0, LastYear - Math.Max(since, FirstYear) + 1))
            .SelectMany(year => year == FirstYear ? ["Summer"] : new[] { "Winter", "Summer" }, (year, season) => new JsonObject
            {
                ["batch"] = season[0] + (year % 100).ToString("D2", CultureInfo.InvariantCulture),
                ["season"] = season,
                ["year"] = year,
            });
    }
}
