using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// Base of the discovery blocks, which find new rows for each input row (of either type): the
/// <c>query</c> template is filled from the row (<c>{column}</c> → value), and the block emits
/// <c>max_results</c> (default 5) made-up results for it, each ending with the <c>query</c> it answers.
/// Results depend only on the query; a row whose query comes out blank finds nothing.
/// </summary>
public abstract class DiscoveryBlock(string defaultQuery, string queryDescription) : RowBlock
{
    private const int DefaultMaxResults = 5;

    public override bool PreservesRowCount => false;

    public override decimal CreditsPerRow => 1m;

    protected override bool IsEmulatedEnrichment => true;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "default": {{JsonValue.Create(defaultQuery).ToJsonString()}}, "description": {{JsonValue.Create(queryDescription + " {column} is replaced by the input row's value.").ToJsonString()}} },
            "max_results": { "type": "integer", "default": 5, "minimum": 1, "maximum": 100, "description": "Results per input row." }
          },
          "additionalProperties": false
        }
        """);

    /// <summary>The <paramref name="index"/>-th (from 1) result for <paramref name="query"/>.</summary>
    protected abstract JsonObject Result(string query, int index);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var template = specs.GetString("query", defaultQuery)!;
        var maxResults = specs.Values["max_results"]?.GetValue<int>() ?? DefaultMaxResults;
        if (maxResults is < 1 or > 100)
        {
            throw new BlockSpecsException("Spec 'max_results' must be between 1 and 100.");
        }

        return new RowProcessor(row =>
        {
            var query = RowValues.Fill(template, row).Trim();
            return query.Length == 0 ? [] : Enumerable.Range(1, maxResults).Select(index =>
            {
                var result = Result(query, index);
                result["query"] = query;
                return result;
            });
        });
    }
}
