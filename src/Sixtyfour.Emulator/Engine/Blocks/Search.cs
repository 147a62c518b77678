using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>search</c> (source), emulated: <c>max_results</c> rows (default 25) made up deterministically from
/// <c>query</c>: LEAD rows are people (<c>first_name, last_name, title, company_name, company_domain,
/// linkedin_url</c>), COMPANY rows are companies (<c>company_name, company_domain, industry, city,
/// employee_count</c>); both end with <c>search_query</c>. The same query always finds the same rows.
/// </summary>
public sealed class SearchBlock : SourceBlock
{
    private const int DefaultMaxResults = 25;

    public override string Name => "search";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "minLength": 1, "description": "What to search for, in plain words." },
            "dataframe_type": { "type": "string", "enum": ["LEAD", "COMPANY"], "default": "LEAD" },
            "max_results": { "type": "integer", "default": 25, "minimum": 1, "maximum": 10000 },
            "auto_execute": { "type": "boolean", "default": true }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """);

    public override void ValidateSpecs(BlockSpecs specs)
    {
        if (MaxResults(specs) is < 1 or > 10000)
        {
            throw new BlockSpecsException("Spec 'max_results' must be between 1 and 10000.");
        }
    }

    public override Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult((long)MaxResults(specs));

    public override IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken)
    {
        var specs = context.Specs;
        var query = specs.GetString("query")!;
        var companies = DataframeTypes.OutputOf(this, DataframeTypes.Lead, specs) == DataframeTypes.Company;
        var count = MaxResults(specs);
        context.ReportTotalCount(count);
        return Enumerable.Range(1, count).Select(index => Result(query, index, companies)).ToAsyncEnumerable();
    }

    /// <summary>The <paramref name="index"/>-th (from 1) result of <paramref name="query"/>.</summary>
    public static JsonObject Result(string query, int index, bool companies)
    {
        var company = Emulated.Company(query, index);
        var row = companies
            ? company
            : Emulated.Person(query, index, company["company_name"]!.GetValue<string>(), company["company_domain"]!.GetValue<string>());
        row["search_query"] = query;
        return row;
    }

    private static int MaxResults(BlockSpecs specs) => specs.Values["max_results"]?.GetValue<int>() ?? DefaultMaxResults;
}
