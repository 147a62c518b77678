using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine;

/// <summary>What a start asks for, after the request's shape has been checked; the payload is already stored.</summary>
public sealed record RunRequest(RunPayload? WebhookPayload, JsonObject? SpecsOverride, IReadOnlySet<ResultFormat> Formats, RunVariations? Variations = null);

/// <summary>
/// Checks a run request against the workflow, reserves its estimated credits and queues the run. The
/// services (<c>RunService</c>, <c>BulkJobService</c>) decide when a run is launched and clean up after one that is not.
/// </summary>
public sealed class RunLauncher(
    WorkflowCompiler compiler,
    WorkflowStore workflows,
    RunStore runs,
    RunScheduler scheduler,
    CreditLedger ledger,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Queues <paramref name="draft"/> as a run; throws <see cref="RunRequestException"/> when the request does not fit the
    /// workflow and <see cref="InsufficientCreditsException"/> when the balance cannot cover its estimate.
    /// </summary>
    public async Task<WorkflowRun> LaunchAsync(Workflow workflow, RunDraft draft, RunRequest request, CancellationToken cancellationToken)
    {
        var compiled = Compile(workflow, request.SpecsOverride);
        var source = (ISourceBlock)compiled.Blocks[compiled.Source];
        if (request.WebhookPayload is not null && !source.AcceptsWebhookPayload)
        {
            throw new RunRequestException($"webhook_payload can only be sent to workflows whose source block is 'webhook'; this workflow starts with '{source.Name}'.");
        }

        var sourceSpecs = WorkflowRun.EffectiveSpecs(compiled.Source, request.SpecsOverride);
        string? problem;
        try
        {
            problem = await source.ValidateRunRequestAsync(sourceSpecs, request.WebhookPayload, cancellationToken);
        }
        catch (BlockSpecsException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            throw new RunRequestException(problem);
        }

        var reserved = await ReserveCreditsAsync(compiled, source, sourceSpecs, request.WebhookPayload, cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            Directory.CreateDirectory(draft.Directory);
            var inputs = new RunInputs(request.WebhookPayload?.Path, request.WebhookPayload?.Count ?? 0);
            var run = new WorkflowRun(draft.Id, workflow.Id.ToString("D"), workflow.Name, compiled.Plan, States(compiled, now), request.Formats, inputs, request.SpecsOverride, draft.Directory, now, reserved, request.Variations ?? RunVariations.None);
            runs.Add(run);
            draft.MarkLaunched();
            workflows.RecordRun(workflow.Id, now);
            scheduler.Enqueue(run);
            return run;
        }
        catch
        {
            ledger.Settle(reserved, 0m);
            throw;
        }
    }

    /// <summary>
    /// Reserves the run's estimated cost: input rows times the sum of its blocks' per-row prices (as
    /// if every block saw every row). Free workflows skip counting the input.
    /// </summary>
    private async Task<decimal> ReserveCreditsAsync(CompiledWorkflow compiled, ISourceBlock source, BlockSpecs sourceSpecs, RunPayload? payload, CancellationToken cancellationToken)
    {
        var perRow = compiled.Blocks.Values.Sum(block => block.CreditsPerRow);
        if (perRow == 0m)
        {
            return 0m;
        }

        var estimate = await source.CountRowsAsync(sourceSpecs, payload, cancellationToken) * perRow;
        return ledger.TryReserve(estimate) ? estimate : throw new InsufficientCreditsException(estimate, ledger.Balance);
    }

    /// <summary>Records a run that could not start (a schedule's), as failed with the reason, so the schedule's history shows it.</summary>
    public WorkflowRun RecordRejected(Workflow workflow, CompiledWorkflow compiled, RunDraft draft, string statusReason, string message)
    {
        var now = timeProvider.GetUtcNow();
        var run = new WorkflowRun(draft.Id, workflow.Id.ToString("D"), workflow.Name, compiled.Plan, States(compiled, now), new HashSet<ResultFormat> { ResultFormat.Csv }, new RunInputs(null, 0), null, draft.Directory, now, 0m, RunVariations.None);
        run.Fail(statusReason, message, now);
        runs.Add(run);
        workflows.RecordRun(workflow.Id, now);
        return run;
    }

    /// <summary>The workflow's graph ready to run; a graph that cannot run is a <see cref="RunRequestException"/>.</summary>
    public CompiledWorkflow Compile(Workflow workflow, JsonObject? specsOverride)
    {
        try
        {
            return compiler.Compile(workflow.Definition, specsOverride);
        }
        catch (WorkflowGraphException exception)
        {
            throw new RunRequestException($"The workflow cannot run: {exception.Message}");
        }
    }

    private static List<BlockRunState> States(CompiledWorkflow compiled, DateTimeOffset now) =>
        [.. compiled.Plan.Blocks.Select(block => new BlockRunState(block, compiled.Blocks[block], compiled.DataframeTypes[block], now))];
}

/// <summary>The run request does not fit the workflow; reported as 400 with this message.</summary>
public sealed class RunRequestException(string message) : Exception(message);
