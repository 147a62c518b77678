using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Bulk;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Limits;
using Sixtyfour.Emulator.Scheduling;
using Sixtyfour.Emulator.Services;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>Builds and runs the emulator web application.</summary>
public static class EmulatorApp
{
    /// <summary>The documented bulk upload limit (100 MB) is the request body limit here too.</summary>
    private const long MaxRequestBodyBytes = 100L * 1024 * 1024;

    /// <summary>Entry point: parses the command line, runs until stopped; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (EmulatorOptionsException exception)
        {
            await Console.Error.WriteLineAsync($"{exception.Message}{Environment.NewLine}{EmulatorOptions.Usage}");
            return 2;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(EmulatorOptions.Usage);
            return 0;
        }

        await using var app = Build(options);
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(Banner(options, ListeningAddresses(app))));
        await app.RunAsync();
        return 0;
    }

    /// <summary>Builds the app; tests pass their own <paramref name="timeProvider"/> to move the clock.</summary>
    public static WebApplication Build(EmulatorOptions options, TimeProvider? timeProvider = null)
    {
        timeProvider ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        // Quiet by default, but Kestrel's "Now listening on: ..." line stays: scripts read the port from it.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = WireJson.Options.Encoder;
            json.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
        });
        builder.Services
            .AddSingleton(options)
            .AddSingleton(timeProvider)
            .AddSingleton(_ => new DataDirectory(options.DataDirectory))
            .AddSingleton<UploadStore>()
            .AddSingleton<StateFiles>()
            .AddSingleton<StatePersistence>()
            .AddSingleton<DownloadUrlSigner>()
            .AddSingleton<WorkflowStore>()
            .AddSingleton<RunStore>()
            .AddSingleton(_ => new CreditLedger(options.Credits))
            .AddSingleton<WorkflowCompiler>()
            .AddSingleton<WorkflowExecutor>()
            .AddSingleton<RunScheduler>()
            .AddHostedService(services => services.GetRequiredService<RunScheduler>())
            .AddHostedService<RunCheckpoints>()
            .AddSingleton<RunLauncher>()
            .AddSingleton<RunStarts>()
            .AddSingleton<RunService>()
            .AddSingleton<BulkJobService>()
            .AddSingleton<IdempotencyStore>()
            .AddSingleton<SubmissionRateLimiter>()
            .AddSingleton<RequestRateLimiter>()
            .AddSingleton<SigningSecretStore>()
            .AddSingleton<WebhookSender>()
            .AddSingleton<PublicAddress>()
            .AddSingleton<ScheduleStore>()
            .AddHostedService<ScheduleRunner>()
            .AddSingleton<ApiKeyFilter>()
            .AddSingleton<LoopbackOnlyFilter>()
            .AddSingleton<FaultRules>()
            .AddSingleton<RequestJournal>()
            .AddSingleton<ActiveVariations>()
            .AddSingleton<EmulatorReset>()
            .AddBlocks();

        var app = builder.Build();
        if (!app.Services.GetRequiredService<StatePersistence>().RestoreAndTrack())
        {
            app.Services.GetRequiredService<WorkflowStore>().LoadExamples(EmulatorReset.ExamplesDirectory, timeProvider.GetUtcNow());
        }

        WebConsole.ConsoleEndpoints.UseWebConsole(app);
        // Errors outermost, so injected faults and the rate limit's 429 take the error shape of the moment too.
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseMiddleware<TestHookMiddleware>();
        app.UseMiddleware<RequestRateLimitMiddleware>();
        app.MapEmulatorEndpoints();
        app.MapSignedDownloadEndpoint();
        app.MapGroup(string.Empty)
            .AddEndpointFilter<ApiKeyFilter>()
            .MapWorkflowEndpoints()
            .MapRunEndpoints()
            .MapUploadEndpoint()
            .MapKeyedDownloadEndpoint()
            .MapAccountEndpoints()
            .MapBulkIntelligenceEndpoints()
            .MapWebhookEndpoints()
            .MapScheduleEndpoints();
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 resolved).</summary>
    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    private static string Banner(EmulatorOptions options, IReadOnlyList<string> addresses)
    {
        var key = options.ApiKeySource switch
        {
            ApiKeySource.CommandLine => "from --api-key",
            ApiKeySource.Environment => $"from ${EmulatorOptions.ApiKeyEnvironmentVariable}",
            _ => $"{options.ApiKey} (development key)",
        };
        return $"Sixtyfour emulator listening on {string.Join(", ", addresses)}; API key: {key}";
    }
}
