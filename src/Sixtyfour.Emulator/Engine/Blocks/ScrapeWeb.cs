using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>scrape_web</c> (any), emulated without a request: for the URL in <c>url_column</c> (default: the
/// row's domain from <c>company_domain</c>, <c>domain</c> or <c>website</c>), adds <c>page_title</c>,
/// <c>page_text</c> (mentioning <c>prompt</c> when given) and <c>page_url</c>; "" each when the row has no URL.
/// </summary>
public sealed class ScrapeWebBlock : RowBlock
{
    public override string Name => "scrape_web";

    public override decimal CreditsPerRow => 0.5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "url_column": { "type": "string", "description": "Column holding the page URL; default the row's domain." },
            "prompt": { "type": "string", "description": "What to extract from the page." }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var column = specs.GetString("url_column");
        var prompt = specs.GetString("prompt");
        return RowProcessor.Map(row =>
        {
            var host = RowValues.NormalizeDomain(column is null ? RowValues.Domain(row) : RowValues.NonEmptyString(row, column));
            var site = host.Split('.')[0];
            row["page_url"] = host.Length == 0 ? string.Empty : $"https://{host}/";
            row["page_title"] = host.Length == 0 ? string.Empty : $"{char.ToUpperInvariant(site[0])}{site[1..]} | {Emulated.Industry(host)}";
            row["page_text"] = host.Length == 0 ? string.Empty : $"{host} builds {Emulated.Industry(host).ToLowerInvariant()} products in {Emulated.City(host)}." + (prompt is null ? string.Empty : $" ({prompt})");
            return row;
        });
    }
}
