using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>The real emulator on Kestrel at a free loopback port.</summary>
public abstract class EmulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key";

    private WebApplication? app;

    /// <summary>Client that sends the API key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Client without the API key, as a browser following a download link.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Settings with no command-line option (intervals tests shorten).</summary>
    protected virtual EmulatorOptions Configure(EmulatorOptions options) => options;

    /// <summary>The emulator's clock; the system clock unless a fixture moves time itself.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    public async Task InitializeAsync()
    {
        // The general rate limit is off unless a fixture's own arguments turn it back on: suites make many requests a minute.
        var options = EmulatorOptions.Parse(["--urls", "http://127.0.0.1:0", "--api-key", ApiKey, "--rate-limit", "0", .. ExtraArguments], _ => null);
        app = EmulatorApp.Build(Configure(options), Clock);
        await app.StartAsync();
        var baseAddress = new Uri(EmulatorApp.ListeningAddresses(app)[0]);
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        Client.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Anonymous = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await app!.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>No row latency: runs finish almost at once; webhook retries wait only milliseconds.</summary>
public sealed class FastEmulatorFixture : EmulatorFixture
{
    public const int WebhookBackoffMs = 10;

    protected override IEnumerable<string> ExtraArguments => ["--webhook-backoff-ms", WebhookBackoffMs.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>Enrichment blocks wait per row, so progress and cancellation can be observed.</summary>
public sealed class SlowEmulatorFixture : EmulatorFixture
{
    public const int RowLatencyMs = 40;

    protected override IEnumerable<string> ExtraArguments => ["--row-latency-ms", RowLatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>
/// A clock the tests move (<see cref="ManualClock"/>) and a small credit balance, for time windows
/// (rate limits, schedules) and credits; kept apart so other tests never see its state.
/// </summary>
public sealed class ClockedEmulatorFixture : EmulatorFixture
{
    public const decimal StartingCredits = 1000m;

    public ManualClock Time { get; } = new(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Clock => Time;

    protected override EmulatorOptions Configure(EmulatorOptions options) => options with { ScheduleTick = TimeSpan.FromMilliseconds(20) };

    protected override IEnumerable<string> ExtraArguments => ["--credits", "1000"];
}

/// <summary>Every variation on at once (<c>--variations</c>), a short status delay, and rows slow enough to cancel a run.</summary>
public sealed class VariationsEmulatorFixture : EmulatorFixture
{
    // Long enough that the first status requests of a new run come within it even on a loaded machine (1.5 s was not).
    public const int StatusDelayMs = 3000;

    protected override IEnumerable<string> ExtraArguments => ["--variations", "--status-delay-ms", $"{StatusDelayMs}", "--row-latency-ms", "20"];
}

/// <summary>A general rate limit of <see cref="Limit"/> requests a minute on a clock the tests move.</summary>
public sealed class RateLimitedEmulatorFixture : EmulatorFixture
{
    public const int Limit = 5;

    public ManualClock Time { get; } = new(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Clock => Time;

    protected override IEnumerable<string> ExtraArguments => ["--rate-limit", $"{Limit}"];
}

[CollectionDefinition(Name)]
public sealed class VariationsEmulatorCollection : ICollectionFixture<VariationsEmulatorFixture>
{
    public const string Name = "variations emulator";
}

[CollectionDefinition(Name)]
public sealed class RateLimitedEmulatorCollection : ICollectionFixture<RateLimitedEmulatorFixture>
{
    public const string Name = "rate-limited emulator";
}

[CollectionDefinition(Name)]
public sealed class ClockedEmulatorCollection : ICollectionFixture<ClockedEmulatorFixture>
{
    public const string Name = "clocked emulator";
}

[CollectionDefinition(Name)]
public sealed class FastEmulatorCollection : ICollectionFixture<FastEmulatorFixture>
{
    public const string Name = "fast emulator";
}

[CollectionDefinition(Name)]
public sealed class SlowEmulatorCollection : ICollectionFixture<SlowEmulatorFixture>
{
    public const string Name = "slow emulator";
}
