using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Models;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine;

/// <summary>What <c>POST /workflows/run</c> asks for, after the request's shape has been checked.</summary>
public sealed record RunRequest(IReadOnlyList<JsonObject>? WebhookPayload, JsonObject? SpecsOverride, IReadOnlySet<ResultFormat> Formats, RunVariations? Variations = null);

/// <summary>Checks a run request against the workflow, stores its inputs and queues the run.</summary>
public sealed class RunLauncher(
    WorkflowCompiler compiler,
    WorkflowStore workflows,
    RunStore runs,
    RunScheduler scheduler,
    CreditLedger ledger,
    DataDirectory dataDirectory,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Queues a run; throws <see cref="RunRequestException"/> when the request does not fit the
    /// workflow and <see cref="InsufficientCreditsException"/> when the balance cannot cover its estimate.
    /// </summary>
    public async Task<WorkflowRun> LaunchAsync(WorkflowResponse workflow, RunRequest request, CancellationToken cancellationToken)
    {
        var compiled = Compile(workflow, request);
        var source = (ISourceBlock)compiled.Blocks[compiled.Source];
        if (request.WebhookPayload is not null && !source.AcceptsWebhookPayload)
        {
            throw new RunRequestException($"webhook_payload can only be sent to workflows whose source block is 'webhook'; this workflow starts with '{source.Name}'.");
        }

        var sourceSpecs = WorkflowRun.EffectiveSpecs(compiled.Source, request.SpecsOverride);
        string? problem;
        try
        {
            problem = source.ValidateRunRequest(sourceSpecs, request.WebhookPayload);
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
            var id = Guid.NewGuid();
            var now = timeProvider.GetUtcNow();
            var directory = dataDirectory.RunPath(id);
            Directory.CreateDirectory(directory);
            var inputs = await SavePayloadAsync(directory, request.WebhookPayload, cancellationToken);
            var states = compiled.Plan.Blocks
                .Select(block => new BlockRunState(block, compiled.Blocks[block], compiled.DataframeTypes[block], now))
                .ToList();
            var run = new WorkflowRun(id, workflow.Id, workflow.Name, compiled.Plan, states, request.Formats, inputs, request.SpecsOverride, directory, now, reserved, request.Variations ?? RunVariations.None);
            runs.Add(run);
            workflows.RecordRun(Guid.Parse(workflow.Id), now);
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
    private async Task<decimal> ReserveCreditsAsync(CompiledWorkflow compiled, ISourceBlock source, BlockSpecs sourceSpecs, IReadOnlyList<JsonObject>? payload, CancellationToken cancellationToken)
    {
        var perRow = compiled.Blocks.Values.Sum(block => block.CreditsPerRow);
        if (perRow == 0m)
        {
            return 0m;
        }

        var estimate = await source.CountRowsAsync(sourceSpecs, payload, cancellationToken) * perRow;
        return ledger.TryReserve(estimate) ? estimate : throw new InsufficientCreditsException(estimate, ledger.Balance);
    }

    /// <summary>
    /// Starts a run for a schedule: the source's scheduled input (see
    /// <see cref="ISourceBlock.ScheduledPayload"/>), CSV results. A run that cannot start is still
    /// recorded, as failed with the reason, so the schedule's history shows it. Throws
    /// <see cref="RunRequestException"/> only when the workflow itself cannot run.
    /// </summary>
    public async Task<WorkflowRun> LaunchScheduledAsync(WorkflowResponse workflow, CancellationToken cancellationToken)
    {
        var compiled = Compile(workflow, new RunRequest(null, null, new HashSet<ResultFormat>()));
        try
        {
            var payload = ((ISourceBlock)compiled.Blocks[compiled.Source]).ScheduledPayload(WorkflowRun.EffectiveSpecs(compiled.Source, null));
            return await LaunchAsync(workflow, new RunRequest(payload, null, new HashSet<ResultFormat> { ResultFormat.Csv }), cancellationToken);
        }
        catch (RunRequestException exception)
        {
            return RecordRejected(workflow, compiled, "cannot_start", exception.Message);
        }
        catch (InsufficientCreditsException)
        {
            return RecordRejected(workflow, compiled, "insufficient_credits", "Insufficient API credits");
        }
    }

    private WorkflowRun RecordRejected(WorkflowResponse workflow, CompiledWorkflow compiled, string statusReason, string message)
    {
        var id = Guid.NewGuid();
        var now = timeProvider.GetUtcNow();
        var states = compiled.Plan.Blocks
            .Select(block => new BlockRunState(block, compiled.Blocks[block], compiled.DataframeTypes[block], now))
            .ToList();
        var run = new WorkflowRun(id, workflow.Id, workflow.Name, compiled.Plan, states, new HashSet<ResultFormat> { ResultFormat.Csv }, new RunInputs(null, 0), null, dataDirectory.RunPath(id), now, 0m, RunVariations.None);
        run.Fail(statusReason, message, now);
        runs.Add(run);
        workflows.RecordRun(Guid.Parse(workflow.Id), now);
        return run;
    }

    private CompiledWorkflow Compile(WorkflowResponse workflow, RunRequest request)
    {
        try
        {
            return compiler.Compile(workflow.WorkflowDefinition ?? new WorkflowGraph([], []), request.SpecsOverride);
        }
        catch (WorkflowGraphException exception)
        {
            throw new RunRequestException($"The workflow cannot run: {exception.Message}");
        }
    }

    /// <summary>Writes the payload as NDJSON so the webhook block streams it like any other input file.</summary>
    private static async Task<RunInputs> SavePayloadAsync(string directory, IReadOnlyList<JsonObject>? payload, CancellationToken cancellationToken)
    {
        if (payload is null)
        {
            return new RunInputs(null, 0);
        }

        var path = Path.Combine(directory, "webhook_payload.ndjson");
        await using var writer = new StreamWriter(path);
        foreach (var record in payload)
        {
            await writer.WriteLineAsync(record.ToJsonString(WireJson.Options).AsMemory(), cancellationToken);
        }

        return new RunInputs(path, payload.Count);
    }
}

/// <summary>The run request does not fit the workflow; reported as 400 with this message.</summary>
public sealed class RunRequestException(string message) : Exception(message);
