using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Scheduling;
using Sixtyfour.Emulator.Testing;

// Not "Sixtyfour.Emulator.Console": that name would hide System.Console from every Sixtyfour.Emulator namespace.
namespace Sixtyfour.Emulator.WebConsole;

/// <summary>
/// The console: a page at <c>/</c> and its read-only JSON under <c>/_emulator/console</c>, loopback callers only.
/// Under <c>/_emulator</c> it is kept out of the journal (its polling would bury the requests a user looks for) and
/// it gets the test hooks' guard: cross-site requests refused even for GET, JSON bodies only, Host checked. Fault
/// rules are added and cleared through the hooks themselves (<c>/_emulator/faults</c>); the page never holds the key.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Prefix = "/_emulator/console";

    private const int NextFireTimesShown = 3;

    /// <summary>The newest runs the page lists: it redraws them twice a second.</summary>
    private const int RunsShown = 100;

    /// <summary>Registers the console: call it before the other middleware, so it sees every request's final status.</summary>
    public static WebApplication UseWebConsole(this WebApplication app)
    {
        var outcomes = new RequestOutcomes();
        app.Use(outcomes.RecordAsync);

        var loopback = app.Services.GetRequiredService<LoopbackOnlyFilter>();
        app.MapGet("/", (HttpContext context) => ConsoleAssets.Serve(context, ConsoleAssets.Page)).AddEndpointFilter(loopback);
        app.MapGet(Prefix + "/static/{name}", (string name, HttpContext context) => ConsoleAssets.Serve(context, name)).AddEndpointFilter(loopback);

        var api = app.MapGroup(Prefix + "/api").AddEndpointFilter(loopback);
        api.MapGet("/workflows", (WorkflowStore workflows) => workflows.List()
            .Select(workflow => new WorkflowSummaryView(workflow.Id.ToString("D"), workflow.Name, workflow.Description, workflow.Definition.Blocks.Count, workflow.LastRunDate)));
        api.MapGet("/workflows/{id}", (string id, WorkflowStore workflows) =>
            WorkflowEndpoints.ToResponse(WorkflowEndpoints.FindWorkflow(workflows, RequestParameters.Uuid("path", "id", id))));
        api.MapGet("/runs", (RunStore runs, TimeProvider time) => runs.List().Take(RunsShown).Select(run => ToView(run, time.GetUtcNow())));
        api.MapGet("/runs/{id}/files", (string id, RunStore runs) => FilesOf(FindRun(runs, id)));
        api.MapGet("/runs/{id}/files/{name}", (string id, string name, RunStore runs) =>
            OutputFiles(FindRun(runs, id)).Select(output => output.File).FirstOrDefault(file => file.FileName == name) is { } file
                ? TypedResults.PhysicalFile(file.Path, file.Format.ContentType, file.FileName)
                : throw ApiException.Detail(StatusCodes.Status404NotFound, "File not found"));
        api.MapPost("/runs/{id}/cancel", (string id, RunStore runs, TimeProvider time) =>
        {
            var run = FindRun(runs, id);
            return run.Cancel(time.GetUtcNow())
                ? ToView(run, time.GetUtcNow())
                : throw ApiException.Detail(StatusCodes.Status409Conflict, $"Run {run.Id:D} has already ended with status '{run.Status}' and cannot be cancelled.");
        });
        api.MapGet("/requests", (RequestJournal journal) => journal.List().Reverse().Select(entry =>
        {
            var outcome = outcomes.Of(entry);
            return new RequestView(entry.At, entry.Method, entry.Path, entry.Query, outcome?.Status, outcome?.Aborted ?? false, entry.FaultRuleId, entry.ApiKeyPresent, entry.Variations);
        }));
        api.MapGet("/account", (CreditLedger ledger, ScheduleStore schedules, NotebookStore notebooks, WorkflowStore workflows) =>
            new AccountView(ledger.Balance, ledger.StartingBalance, [.. schedules.List().Select(schedule => ToView(schedule, workflows))], notebooks.List()));
        return app;
    }

    private static WorkflowRun FindRun(RunStore runs, string id) =>
        runs.Find(RequestParameters.Uuid("path", "id", id)) ?? throw ApiException.Detail(StatusCodes.Status404NotFound, "Run not found");

    private static RunView ToView(WorkflowRun run, DateTimeOffset now)
    {
        var live = RunViews.ToLiveStatus(run);
        var ended = run.IsTerminal;
        long? duration = run.StartedAt is { } started ? (long)((run.CompletedAt ?? (ended ? started : now)) - started).TotalMilliseconds : null;
        return new RunView(
            run.Id.ToString("D"), run.WorkflowId, run.WorkflowName, run.Status, run.StatusReason, run.ErrorMessage, run.QueuedAt,
            duration, run.CreditsUsed, run.CreditsCharged, ended,
            [.. live.Blocks.Zip(run.Blocks, (block, state) => new BlockProgressView(
                block.BlockId, state.Planned.Definition.BlockType, block.Status, block.ProgressPercentage, block.ProcessedCount, block.EstimatedTotalCount, block.ErrorMessage))]);
    }

    /// <summary>The files the run was asked for (the internal NDJSON copy only when requested), in block order.</summary>
    private static IEnumerable<(BlockRunState State, Engine.Output.ResultFile File)> OutputFiles(WorkflowRun run) =>
        run.Blocks
            .Where(state => state.Output is not null)
            .OrderBy(state => state.Planned.Definition.SequenceNumber)
            .SelectMany(state => state.Output!.Files.Where(file => run.Formats.Contains(file.Format)).Select(file => (state, file)));

    private static List<ResultFileView> FilesOf(WorkflowRun run) =>
        [.. OutputFiles(run).Select(output => new ResultFileView(
            output.State.Planned.Id, output.File.FileName, output.File.Format.Name, output.State.Output!.RowCount, output.File.Size,
            $"{Prefix}/api/runs/{run.Id:D}/files/{Uri.EscapeDataString(output.File.FileName)}"))];

    private static ScheduleView ToView(Schedule schedule, WorkflowStore workflows)
    {
        IReadOnlyList<DateTimeOffset> next = schedule.NextDue is { } due ? [due, .. schedule.Cron.NextTimes(due, schedule.Zone, NextFireTimesShown - 1)] : [];
        var workflowName = Guid.TryParse(schedule.WorkflowId, out var workflowId) ? workflows.Find(workflowId)?.Name : null;
        return new ScheduleView(schedule.Id.ToString("D"), schedule.Name, schedule.WorkflowId, workflowName, schedule.CronExpression, schedule.Timezone, schedule.IsActive, schedule.DisabledReason, next);
    }
}
