using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.BrowserTests;

/// <summary>The Requests and faults section: a rule added from the form, hit by the next request, shown in the journal, cleared.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RequestsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_fault_rule_added_from_the_form_is_hit_by_the_next_request_and_the_journal_shows_it_then_clear_removes_it()
    {
        var console = await fixture.OpenAsync("requests");
        var page = console.Page;
        await page.GetByLabel("Method").SelectOptionAsync("GET");
        await page.GetByLabel("Path (glob").FillAsync("/workflows/blocks");
        await page.GetByLabel("Status", new() { Exact = true }).FillAsync("503");
        await page.GetByLabel("Times").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add fault rule" }).ClickAsync();

        var ruleRow = page.Locator("#fault-list tr[data-rule-id]").Filter(new() { HasText = "/workflows/blocks" });
        await Expect(ruleRow).ToHaveCountAsync(1);
        var ruleId = (await ruleRow.GetAttributeAsync("data-rule-id"))!;
        var rules = await fixture.Api.GetFromJsonAsync<JsonArray>("/_emulator/faults");
        var rule = rules!.Single(item => item!["id"]!.GetValue<string>() == ruleId)!;
        Assert.Equal("GET", rule["method"]!.GetValue<string>());
        Assert.Equal(503, rule["status"]!.GetValue<int>());

        using (var hit = await fixture.Api.GetAsync("/workflows/blocks"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hit.StatusCode);
        }

        await page.GetByLabel("Filter").FillAsync(ruleId[..8]);
        var journal = page.Locator("#journal-list tr");
        await Expect(journal).ToHaveCountAsync(1);
        await Expect(journal.Locator("td").Nth(1)).ToHaveTextAsync("GET");
        await Expect(journal.Locator("td").Nth(2)).ToHaveTextAsync("/workflows/blocks");
        await Expect(journal.Locator("td").Nth(3)).ToHaveTextAsync("503");
        await Expect(ruleRow.Locator("td").Nth(4)).ToHaveTextAsync("0");

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear fault rules" }).ClickAsync();
        await Expect(page.Locator("#fault-list")).ToHaveTextAsync("No fault rules.");
        Assert.Empty((await fixture.Api.GetFromJsonAsync<JsonArray>("/_emulator/faults"))!);
        using (var after = await fixture.Api.GetAsync("/workflows/blocks"))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task The_journal_filter_keeps_only_matching_requests_and_the_console_s_own_polling_is_not_journaled()
    {
        using (await fixture.Api.GetAsync("/workflows/00000000-0000-4000-8000-00000000abcd"))
        {
        }

        var console = await fixture.OpenAsync("requests");
        var journal = console.Page.Locator("#journal-list tr");
        await console.Page.GetByLabel("Filter").FillAsync("00000000abcd");
        await Expect(journal).ToHaveCountAsync(1);
        await Expect(journal.Locator("td").Nth(3)).ToHaveTextAsync("404");
        await console.Page.GetByLabel("Filter").FillAsync("/_emulator/console");
        await Expect(journal).ToHaveTextAsync("No request matches the filter.");
        var entries = await fixture.Api.GetFromJsonAsync<JsonArray>("/_emulator/requests");
        Assert.DoesNotContain(entries!, entry => entry!["path"]!.GetValue<string>().StartsWith("/_emulator", StringComparison.Ordinal));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Each_action_of_a_rule_added_through_the_API_is_named()
    {
        var added = new List<string>();
        foreach (var rule in new[]
        {
            new JsonObject { ["path"] = "/console-test/a", ["status"] = 429, ["retry_after_seconds"] = 2, ["latency_ms"] = 300 },
            new JsonObject { ["path"] = "/console-test/b", ["truncate_after_bytes"] = 10 },
            new JsonObject { ["path"] = "/console-test/c", ["cut_after_bytes"] = 20, ["reset_connection"] = false },
            new JsonObject { ["path"] = "/console-test/d", ["reset_connection"] = true },
            new JsonObject { ["path"] = "/console-test/e", ["stall_after_bytes"] = 30 },
        })
        {
            using var response = await fixture.Api.PostAsJsonAsync("/_emulator/faults", rule);
            response.EnsureSuccessStatusCode();
            added.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }

        try
        {
            var console = await fixture.OpenAsync("requests");
            string[] expected =
            [
                "status 429, Retry-After 2 s, 300 ms latency",
                "abort after 10 bytes",
                "end after 20 bytes, short of Content-Length",
                "reset connection",
                "stall after 30 bytes until the client gives up",
            ];
            for (var i = 0; i < added.Count; i++)
            {
                var row = console.Page.Locator($"#fault-list tr[data-rule-id='{added[i]}']");
                await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(expected[i]);
            }

            Assert.Empty(console.Errors);
        }
        finally
        {
            using var cleared = await fixture.Api.DeleteAsync("/_emulator/faults");
        }
    }
}
