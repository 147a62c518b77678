using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.BrowserTests;

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

/// <summary>
/// One emulator (in-process, Kestrel on a free loopback port, rows slowed so progress can be watched) and one
/// headless Chromium from the operating system's packages, shared by every browser test.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ApiKey = "browser-test-key";

    /// <summary>Enrich Leads: webhook input, then find_email, then verify_email.</summary>
    public const string EnrichLeads = "5f000000-0000-4000-8000-000000000002";

    /// <summary>Per-row delay of the enrichment blocks: 60 rows take a few seconds, long enough to see progress between polls.</summary>
    public const int RowLatencyMs = 40;

    private WebApplication? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API as a script would call it, with the key; the page never has it.</summary>
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        var options = EmulatorOptions.Parse(
            ["--urls", "http://127.0.0.1:0", "--api-key", ApiKey, "--rate-limit", "0", "--row-latency-ms", RowLatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            _ => null);
        app = EmulatorApp.Build(options);
        await app.StartAsync();
        BaseAddress = new Uri(EmulatorApp.ListeningAddresses(app)[0]);
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        Api.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = FindChromium(), Headless = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        Api.Dispose();
        await app!.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A fresh browser context on the console at <c>/#section</c>; page errors and console errors (a CSP refusal is one) are collected.</summary>
    public async Task<ConsolePage> OpenAsync(string section, string? origin = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = origin ?? BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var console = new ConsolePage(page);
        await page.GotoAsync("/#" + section);
        return console;
    }

    /// <summary>Starts Enrich Leads with <paramref name="rows"/> leads through the API; returns the run id.</summary>
    public async Task<string> StartRunAsync(int rows)
    {
        var payload = new JsonArray([.. Enumerable.Range(1, rows).Select(i => (JsonNode)new JsonObject
        {
            ["first_name"] = $"Ada{i}",
            ["last_name"] = "Lovelace",
            ["company_domain"] = "example.com",
        })]);
        using var response = await Api.PostAsJsonAsync($"/workflows/run?workflow_id={EnrichLeads}", new JsonObject { ["webhook_payload"] = payload });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>();
    }

    public async Task<string> RunStatusAsync(string runId) =>
        (await Api.GetFromJsonAsync<JsonObject>($"/workflows/runs/{runId}/live_status"))!["overall_status"]!.GetValue<string>();

    /// <summary>Where the build writes its output (<c>out/</c> beside the solution).</summary>
    public static string OutDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sixtyfour.sln")))
        {
            directory = directory.Parent;
        }

        return Directory.CreateDirectory(Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "out")).FullName;
    }

    /// <summary>$SIXTYFOUR_CHROMIUM, else the Debian packages' headless shell or full Chromium; build.ps1 Test and .ci/run install one.</summary>
    private static string FindChromium()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("SIXTYFOUR_CHROMIUM"),
            "/usr/bin/chromium-headless-shell",
            "/usr/lib/chromium/chromium-headless-shell",
            "/usr/bin/chromium",
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "No headless Chromium found: run 'apt-get install chromium-headless-shell' (build.ps1 Test and .ci/run do), or set SIXTYFOUR_CHROMIUM to a Chromium executable.");
    }
}

/// <summary>A console page and the errors it has reported so far.</summary>
public sealed class ConsolePage
{
    private readonly List<string> errors = [];

    public ConsolePage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) => Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console error: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>JavaScript exceptions and console errors (CSP violations, failed loads) seen by the page.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>The list item of one run on the Runs section.</summary>
    public ILocator Run(string runId) => Page.Locator($"li.run[data-run-id='{runId}']");

    /// <summary>The status a run shows in its heading.</summary>
    public ILocator RunStatus(string runId) => Run(runId).Locator(".run-head .status");

    private void Add(string error)
    {
        lock (errors)
        {
            errors.Add(error);
        }
    }
}
