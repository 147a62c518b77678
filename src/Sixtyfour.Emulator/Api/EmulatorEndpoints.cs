using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>The emulator's own endpoints under <c>/_emulator</c>: health, and loopback-only test hooks. No API key.</summary>
public static class EmulatorEndpoints
{
    public static IEndpointRouteBuilder MapEmulatorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/health", () => new { status = "ok" });

        var hooks = app.MapGroup("/_emulator").AddEndpointFilter<LoopbackOnlyFilter>();
        hooks.MapPost("/faults", async (HttpRequest request, FaultRules faults, CancellationToken cancellationToken) =>
        {
            var body = await ReadAsync<FaultRuleRequest>(request, cancellationToken);
            return FaultRule.Problem(body) is { } problem ? throw problem : faults.Add(body).ToResponse();
        });
        hooks.MapGet("/faults", (FaultRules faults) => faults.List().Select(rule => rule.ToResponse()));
        hooks.MapDelete("/faults", (FaultRules faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        hooks.MapGet("/requests", (RequestJournal journal) => journal.List());
        hooks.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Clear();
            return TypedResults.NoContent();
        });
        hooks.MapGet("/settings", (DownloadUrlSigner signer) => new EmulatorSettings(signer.LifetimeSeconds));
        hooks.MapPost("/settings", async (HttpRequest request, DownloadUrlSigner signer, CancellationToken cancellationToken) =>
        {
            var settings = await ReadAsync<EmulatorSettings>(request, cancellationToken);
            if (settings.DownloadLinkLifetimeSeconds is { } lifetime)
            {
                // Negative lifetimes are allowed on purpose: they mint links that are already expired.
                signer.LifetimeSeconds = lifetime;
            }

            return new EmulatorSettings(signer.LifetimeSeconds);
        });
        hooks.MapGet("/credits", (CreditLedger ledger) => new CheckBalanceResponse(ledger.Balance));
        hooks.MapPost("/credits", async (HttpRequest request, CreditLedger ledger, CancellationToken cancellationToken) =>
        {
            var body = await ReadAsync<CheckBalanceResponse>(request, cancellationToken);
            ledger.Set(body.Credits);
            return new CheckBalanceResponse(ledger.Balance);
        });
        hooks.MapBlockTestHooks();
        hooks.MapPost("/reset", (EmulatorReset reset) =>
        {
            reset.Reset();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var body = await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken) ?? [];
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(body, WireJson.Options)!;
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw ApiException.Detail(StatusCodes.Status400BadRequest, exception.Message);
        }
    }
}
