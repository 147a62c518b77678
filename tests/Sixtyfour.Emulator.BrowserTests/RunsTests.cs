using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.BrowserTests;

/// <summary>The Runs section: live progress, cancel, result files.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Block_progress_moves_while_the_run_runs_and_the_run_ends_completed_with_duration_and_credits()
    {
        var console = await fixture.OpenAsync("runs");
        var runId = await fixture.StartRunAsync(60);
        var run = console.Run(runId);

        // Caught between polls while running: the find_email bar is neither empty nor full.
        var midway = await console.Page.WaitForFunctionAsync(
            """
            id => {
              const item = document.querySelector(`li.run[data-run-id='${id}']`);
              const bar = item?.querySelector("li[data-block-id='emails'] progress");
              return item && item.querySelector('.run-head .status').textContent === 'running' && bar.value > 0 && bar.value < 100 && bar.value;
            }
            """,
            runId);
        Assert.InRange(await midway.JsonValueAsync<double>(), 0.1, 99.9);

        await Expect(console.RunStatus(runId)).ToHaveTextAsync("completed");
        foreach (var block in new[] { "input", "emails", "verify" })
        {
            await Expect(run.Locator($"li[data-block-id='{block}'] progress")).ToHaveAttributeAsync("value", "100");
        }

        await Expect(run.Locator("dd").Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? (ms|s)$|min"));
        var runs = await fixture.Api.GetFromJsonAsync<JsonArray>($"/workflows/runs?workflow_id={ConsoleFixture.EnrichLeads}");
        var credits = runs!.Single(item => item!["job_id"]!.GetValue<string>() == runId)!["metrics"]!["credits_used"]!.ToString();
        Assert.Equal(decimal.Parse(credits, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(await run.Locator("dd").Nth(2).TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("completed", await fixture.RunStatusAsync(runId));

        // The README's picture of the console.
        await console.Page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.OutDirectory(), "console-runs.png"), FullPage = true });
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task The_cancel_button_cancels_a_running_run_from_the_keyboard()
    {
        var runId = await fixture.StartRunAsync(500);
        var console = await fixture.OpenAsync("runs");
        await Expect(console.RunStatus(runId)).ToHaveTextAsync("running");

        var cancel = console.Page.GetByRole(AriaRole.Button, new() { Name = $"Cancel run {runId}" });
        await cancel.FocusAsync();
        await console.Page.Keyboard.PressAsync("Enter");

        await Expect(console.RunStatus(runId)).ToHaveTextAsync("cancelled");
        await Expect(cancel).ToBeHiddenAsync();
        Assert.Equal("cancelled", await fixture.RunStatusAsync(runId));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task A_result_file_downloads_with_the_bytes_the_API_s_signed_link_serves()
    {
        var runId = await fixture.StartRunAsync(3);
        var console = await fixture.OpenAsync("runs");
        var run = console.Run(runId);
        await Expect(console.RunStatus(runId)).ToHaveTextAsync("completed");

        await run.GetByRole(AriaRole.Button, new() { Name = "Result files" }).ClickAsync();
        var fileName = $"{runId}_block_3_verify.csv";
        var download = await console.Page.RunAndWaitForDownloadAsync(() => run.GetByRole(AriaRole.Link, new() { Name = fileName }).ClickAsync());

        Assert.Equal(fileName, download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        var links = await fixture.Api.GetFromJsonAsync<JsonArray>($"/workflows/runs/{runId}/results/download-links");
        var signed = links!.Single(link => link!["filename"]?.GetValue<string>() == fileName)!["download_url"]!.GetValue<string>();
        Assert.Equal(await fixture.Api.GetStringAsync(signed), text);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(console.Errors);
    }
}
