using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>search and yc_batches (read_notebook is in <see cref="NotebookWorkflowTests"/>).</summary>
public sealed class SourceBlockTests
{
    [Fact]
    public async Task Search_makes_max_results_people_from_the_query()
    {
        var rows = await BlockRunner.RunAsync(new SearchBlock(), """{"query":"CTOs of fintech startups","max_results":2}""");

        Assert.Equal(
            [
                """{"first_name":"Sam","last_name":"Berg","title":"CTO","company_name":"Acme Inc","company_domain":"acmeinc.example","linkedin_url":"https://www.linkedin.com/in/sam-berg-cc6a","search_query":"CTOs of fintech startups"}""",
                """{"first_name":"Riley","last_name":"Patel","title":"Engineering Manager","company_name":"Vandelay AI","company_domain":"vandelayai.example","linkedin_url":"https://www.linkedin.com/in/riley-patel-378c","search_query":"CTOs of fintech startups"}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Search_makes_companies_for_COMPANY_and_the_same_query_finds_the_same_rows()
    {
        var rows = await BlockRunner.RunAsync(new SearchBlock(), """{"query":"coffee roasters","dataframe_type":"COMPANY","max_results":1}""");
        var longer = await BlockRunner.RunAsync(new SearchBlock(), """{"query":"coffee roasters","dataframe_type":"COMPANY"}""");

        Assert.Equal(["""{"company_name":"Soylent Systems","company_domain":"soylentsystems.example","industry":"Fintech","city":"Paris","employee_count":2316,"search_query":"coffee roasters"}"""], BlockRunner.Texts(rows));
        Assert.Equal(25, longer.Count);
        Assert.Equal(rows[0].Compact(), longer[0].Compact());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public void Search_max_results_out_of_range_is_refused(int maxResults) =>
        Assert.Equal(
            "Spec 'max_results' must be between 1 and 10000.",
            Assert.Throws<BlockSpecsException>(() => new SearchBlock().ValidateSpecs(new BlockSpecs(new() { ["query"] = "x", ["max_results"] = maxResults }))).Message);

    [Fact]
    public async Task Yc_batches_lists_every_batch_since_a_year()
    {
        var all = await BlockRunner.RunAsync(new YcBatchesBlock(), "{}");
        var recent = await BlockRunner.RunAsync(new YcBatchesBlock(), """{"since_year":2024}""");

        Assert.Equal(41, all.Count);
        Assert.Equal("""{"batch":"S05","season":"Summer","year":2005}""", all[0].Compact());
        Assert.Equal("""{"batch":"W06","season":"Winter","year":2006}""", all[1].Compact());
        Assert.Equal(["""{"batch":"W24","season":"Winter","year":2024}""", """{"batch":"S24","season":"Summer","year":2024}""", """{"batch":"W25","season":"Winter","year":2025}""", """{"batch":"S25","season":"Summer","year":2025}"""], BlockRunner.Texts(recent));
    }
}
