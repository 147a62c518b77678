using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.BrowserTests;

/// <summary>Credits, schedules and notebooks.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccountTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Credits_and_a_schedule_with_its_next_fire_time_are_shown()
    {
        using var created = await fixture.Api.PostAsJsonAsync("/schedules", new JsonObject
        {
            ["workflow_id"] = ConsoleFixture.EnrichLeads,
            ["name"] = "Nightly console check",
            ["cron_expression"] = "0 3 * * *",
            ["timezone"] = "UTC",
        });
        var schedule = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(created.IsSuccessStatusCode, schedule.ToJsonString());
        var next = DateTimeOffset.Parse(schedule["next_run_times"]![0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var console = await fixture.OpenAsync("account");
        var row = console.Page.Locator("#schedule-list tr").Filter(new() { HasText = "Nightly console check" });
        await Expect(row).ToContainTextAsync("Enrich Leads");
        await Expect(row).ToContainTextAsync("0 3 * * * (UTC)");
        await Expect(row.Locator("time").First).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex("^" + next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)));

        var balance = (await fixture.Api.GetFromJsonAsync<JsonObject>("/check-balance"))!["credits"]!.GetValue<decimal>();
        var shown = decimal.Parse(await console.Page.Locator("#credits").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(balance, shown);
        Assert.Empty(console.Errors);

        using var deleted = await fixture.Api.DeleteAsync($"/schedules/{schedule["id"]}");
        deleted.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_notebook_a_run_appended_to_is_shown_with_its_row_count()
    {
        var definition = JsonNode.Parse("""
            {
              "workflow_name": "Notebook for the console",
              "workflow_description": "Appends its input to a notebook",
              "workflow_definition": {
                "blocks": [
                  { "sequence_number": 1, "block_type": "webhook", "block_name": "webhook", "block_id": "input",
                    "specs": { "dataframe_type": "LEAD", "input_schema": { "first_name": { "type": "str", "required": true } } } },
                  { "sequence_number": 2, "block_type": "append_to_notebook", "block_name": "append_to_notebook", "block_id": "keep",
                    "specs": { "notebook_id": "__create_new__", "notebook_name": "Console notebook" } }
                ],
                "edges": [ { "from_block_id": "input", "to_block_id": "keep", "condition": null } ]
              }
            }
            """);
        using var created = await fixture.Api.PostAsJsonAsync("/workflows/create_workflow", definition);
        var workflow = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(created.IsSuccessStatusCode, workflow.ToJsonString());
        using var run = await fixture.Api.PostAsJsonAsync(
            $"/workflows/run?workflow_id={workflow["id"]}", JsonNode.Parse("""{ "webhook_payload": [ { "first_name": "Ada" }, { "first_name": "Grace" } ] }"""));
        run.EnsureSuccessStatusCode();

        var console = await fixture.OpenAsync("account");
        var row = console.Page.Locator("#notebook-list tr").Filter(new() { HasText = "Console notebook" });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("2");
        Assert.Empty(console.Errors);
    }
}
