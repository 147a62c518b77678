using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Services;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Services;

public sealed class RunServiceTests(ServiceFixture emulator) : IClassFixture<ServiceFixture>
{
    private RunService Service => emulator.Service<RunService>();

    private CreditLedger Ledger => emulator.Service<CreditLedger>();

    /// <summary>The example enrich-leads workflow: webhook → enrichment blocks that cost credits per row.</summary>
    private Workflow EnrichLeads => emulator.Service<WorkflowStore>().Find(Guid.Parse(ApiClient.EnrichLeads))!;

    [Fact]
    public async Task A_replayed_key_returns_the_first_run_without_reading_its_request()
    {
        var key = Guid.NewGuid().ToString();
        var reads = 0;
        var first = await Service.StartAsync(key, (draft, _) => Task.FromResult(Request(draft, Leads(1))), CancellationToken.None);

        var again = await Service.StartAsync(key, (draft, _) =>
        {
            reads++;
            return Task.FromResult(Request(draft, Leads(2)));
        }, CancellationToken.None);

        Assert.False(first.AlreadyStarted);
        Assert.True(again.AlreadyStarted);
        Assert.Same(first.Run, again.Run);
        Assert.Equal(0, reads);
        await CancelAsync(first.Run);
    }

    [Fact]
    public async Task A_start_that_fails_after_storing_its_payload_leaves_nothing_and_frees_its_key()
    {
        var key = Guid.NewGuid().ToString();
        string? directory = null;

        // Every record lacks last_name, which the workflow's webhook block requires: the launch refuses it.
        await Assert.ThrowsAsync<RunRequestException>(() => Service.StartAsync(key, (draft, _) =>
        {
            directory = draft.Directory;
            return Task.FromResult(Request(draft, [new JsonObject { ["first_name"] = "only" }]));
        }, CancellationToken.None));
        var retried = await Service.StartAsync(key, (draft, _) => Task.FromResult(Request(draft, Leads(1))), CancellationToken.None);

        Assert.NotNull(directory);
        Assert.False(Directory.Exists(directory), "the payload written for the failed start is removed with its run directory");
        Assert.False(retried.AlreadyStarted);
        await CancelAsync(retried.Run);
    }

    [Fact]
    public async Task A_start_the_balance_cannot_cover_reserves_nothing_and_leaves_nothing()
    {
        var before = Ledger.Balance;
        string? directory = null;

        await Assert.ThrowsAsync<InsufficientCreditsException>(() => Service.StartAsync(null, (draft, _) =>
        {
            directory = draft.Directory;
            return Task.FromResult(Request(draft, Leads(20_000)));
        }, CancellationToken.None));

        Assert.Equal(before, Ledger.Balance);
        Assert.NotNull(directory);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task Credits_are_reserved_at_the_start_and_what_was_not_used_comes_back_on_cancel()
    {
        var before = Ledger.Balance;

        var (run, _) = await Service.StartAsync(null, (draft, _) => Task.FromResult(Request(draft, Leads(50))), CancellationToken.None);
        var duringRun = Ledger.Balance;
        await CancelAsync(run);

        Assert.True(run.ReservedCredits > 0m);
        Assert.Equal(before - run.ReservedCredits, duringRun);
        Assert.True(run.CreditsCharged < run.ReservedCredits, "50 rows at 100 ms each cannot all be processed before the cancel");
        Assert.Equal(before - run.CreditsCharged, Ledger.Balance);
    }

    [Fact]
    public async Task The_client_going_away_while_the_payload_arrives_leaves_nothing()
    {
        string? directory = null;
        using var gone = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service.StartAsync(null, async (draft, token) =>
        {
            directory = draft.Directory;
            using var writer = new RunPayloadWriter(draft.Directory);
            writer.Write(ApiClient.Lead());
            await gone.CancelAsync();
            token.ThrowIfCancellationRequested();
            return Request(draft, Leads(1));
        }, gone.Token));

        Assert.NotNull(directory);
        Assert.False(Directory.Exists(directory));
    }

    private RunStartRequest Request(RunDraft draft, IEnumerable<JsonObject> records)
    {
        using var writer = new RunPayloadWriter(draft.Directory);
        foreach (var record in records)
        {
            writer.Write(record);
        }

        return new RunStartRequest(EnrichLeads, new RunRequest(writer.Complete(), null, new HashSet<ResultFormat> { ResultFormat.Csv }));
    }

    private static IEnumerable<JsonObject> Leads(int count) => Enumerable.Range(0, count).Select(_ => ApiClient.Lead());

    /// <summary>Cancels the run and waits for it to settle with the ledger, so the next test's balance is its own.</summary>
    private async Task CancelAsync(WorkflowRun run)
    {
        run.Cancel(emulator.Time.GetUtcNow());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (run.CreditsCharged is null)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
