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

    public async Task InitializeAsync()
    {
        var options = EmulatorOptions.Parse(["--urls", "http://127.0.0.1:0", "--api-key", ApiKey, .. ExtraArguments], _ => null);
        app = EmulatorApp.Build(options);
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

/// <summary>No row latency: runs finish almost at once.</summary>
public sealed class FastEmulatorFixture : EmulatorFixture;

/// <summary>Enrichment blocks wait per row, so progress and cancellation can be observed.</summary>
public sealed class SlowEmulatorFixture : EmulatorFixture
{
    public const int RowLatencyMs = 40;

    protected override IEnumerable<string> ExtraArguments => ["--row-latency-ms", RowLatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture)];
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
