using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>github_find_people, google_maps_search, x_search, tiktok_get_following, kaggle_leaderboard, yc_companies.</summary>
public sealed class DiscoveryBlockTests
{
    [Fact]
    public async Task Github_find_people_fills_the_query_from_the_row()
    {
        var rows = await BlockRunner.RunAsync(new GithubFindPeopleBlock(), """{"query":"{language} developers in {city}","max_results":1}""", """{"language":"Rust","city":"Berlin"}""");

        Assert.Equal(["""{"first_name":"Alex","last_name":"Novak","github_username":"alexnovak6296","github_url":"https://github.com/alexnovak6296","location":"Toronto","followers":3751,"top_language":"Rust","query":"Rust developers in Berlin"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task A_row_whose_query_is_blank_finds_nothing_and_equal_queries_find_equal_rows()
    {
        var rows = await BlockRunner.RunAsync(new XSearchBlock(), """{"max_results":2}""", """{"query":"dotnet"}""", """{"other":"x"}""", """{"query":"dotnet","more":1}""");

        Assert.Equal(
            [
                """{"first_name":"Alex","last_name":"Novak","x_handle":"@alex_9b25","post_text":"Thoughts on dotnet (#1)","post_url":"https://x.com/alex_9b25/status/8650488536983513","likes":4650,"query":"dotnet"}""",
                """{"first_name":"Sam","last_name":"Garcia","x_handle":"@sam_6801","post_text":"Thoughts on dotnet (#2)","post_url":"https://x.com/sam_6801/status/8131139581188527","likes":4362,"query":"dotnet"}""",
                """{"first_name":"Alex","last_name":"Novak","x_handle":"@alex_9b25","post_text":"Thoughts on dotnet (#1)","post_url":"https://x.com/alex_9b25/status/8650488536983513","likes":4650,"query":"dotnet"}""",
                """{"first_name":"Sam","last_name":"Garcia","x_handle":"@sam_6801","post_text":"Thoughts on dotnet (#2)","post_url":"https://x.com/sam_6801/status/8131139581188527","likes":4362,"query":"dotnet"}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Google_maps_search_finds_places()
    {
        var rows = await BlockRunner.RunAsync(new GoogleMapsSearchBlock(), """{"max_results":1}""", """{"query":"bakeries in Paris"}""");

        Assert.Equal(["""{"company_name":"Globex Labs","company_domain":"globexlabs.example","industry":"Healthcare","city":"London","employee_count":3236,"address":"210 Main St, London","phone":"+1 555-578-7954","rating":3.9,"review_count":1945,"maps_url":"https://maps.google.com/?cid=699930623996","query":"bakeries in Paris"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Tiktok_get_following_lists_accounts_of_the_handle()
    {
        var rows = await BlockRunner.RunAsync(new TiktokGetFollowingBlock(), """{"max_results":1}""", """{"tiktok_handle":"@acme"}""");

        Assert.Equal(["""{"tiktok_handle":"@sam.2571","display_name":"Sam Patel","follower_count":1125764,"profile_url":"https://www.tiktok.com/@sam.2571","query":"@acme"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Kaggle_leaderboard_ranks_best_first()
    {
        var rows = await BlockRunner.RunAsync(new KaggleLeaderboardBlock(), """{"max_results":3}""", """{"competition":"titanic"}""");

        Assert.Equal([1, 2, 3], rows.Select(row => row["rank"]!.GetValue<int>()));
        Assert.True(rows[0]["score"]!.GetValue<double>() > rows[1]["score"]!.GetValue<double>() && rows[1]["score"]!.GetValue<double>() > rows[2]["score"]!.GetValue<double>());
        Assert.Equal(["""{"rank":1,"kaggle_username":"silva18b4","display_name":"Jamie Silva","score":0.98965,"query":"titanic"}"""], BlockRunner.Texts(rows.Take(1)));
    }

    [Fact]
    public async Task Yc_companies_follows_the_batch_column()
    {
        var rows = await BlockRunner.RunAsync(new YcCompaniesBlock(), """{"max_results":1}""", """{"batch":"W24","season":"Winter","year":2024}""");

        Assert.Equal(["""{"company_name":"Cyberdyne Inc","company_domain":"cyberdyneinc.example","industry":"Fintech","city":"Toronto","employee_count":523,"batch":"W24","one_liner":"Fintech software for hospitals","status":"Public","query":"W24"}"""], BlockRunner.Texts(rows));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Max_results_out_of_range_is_refused(int maxResults) =>
        Assert.Equal(
            "Spec 'max_results' must be between 1 and 100.",
            Assert.Throws<BlockSpecsException>(() => new GithubFindPeopleBlock().ValidateSpecs(new BlockSpecs(new() { ["max_results"] = maxResults }))).Message);
}
