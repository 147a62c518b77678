using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Models;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine;

/// <summary>What <c>POST /workflows/run</c> asks for, after the request's shape has been checked.</summary>
public sealed record RunRequest(IReadOnlyList<JsonObject>? WebhookPayload, JsonObject? SpecsOverride, IReadOnlySet<ResultFormat> Formats);

/// <summary>Checks a run request against the workflow, stores its inputs and queues the run.</summary>
public sealed class RunLauncher(
    WorkflowCompiler compiler,
    WorkflowStore workflows,
    RunStore runs,
    RunScheduler scheduler,
    DataDirectory dataDirectory,
    TimeProvider timeProvider)
{
    /// <summary>Queues a run; throws <see cref="RunRequestException"/> when the request does not fit the workflow.</summary>
    public async Task<WorkflowRun> LaunchAsync(WorkflowResponse workflow, RunRequest request, CancellationToken cancellationToken)
    {
        var compiled = Compile(workflow, request);
        var source = (ISourceBlock)compiled.Blocks[compiled.Source];
        if (request.WebhookPayload is not null && !source.AcceptsWebhookPayload)
        {
            throw new RunRequestException($"webhook_payload can only be sent to workflows whose source block is 'webhook'; this workflow starts with '{source.Name}'.");
        }

        string? problem;
        try
        {
            problem = source.ValidateRunRequest(WorkflowRun.EffectiveSpecs(compiled.Source, request.SpecsOverride), request.WebhookPayload);
        }
        catch (BlockSpecsException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            throw new RunRequestException(problem);
        }

        var id = Guid.NewGuid();
        var now = timeProvider.GetUtcNow();
        var directory = dataDirectory.RunPath(id);
        Directory.CreateDirectory(directory);
        var inputs = await SavePayloadAsync(directory, request.WebhookPayload, cancellationToken);
        var states = compiled.Plan.Blocks
            .Select(block => new BlockRunState(block, compiled.Blocks[block], compiled.DataframeTypes[block], now))
            .ToList();
        var run = new WorkflowRun(id, workflow.Id, workflow.Name, compiled.Plan, states, request.Formats, inputs, request.SpecsOverride, directory, now);
        runs.Add(run);
        workflows.RecordRun(Guid.Parse(workflow.Id), now);
        scheduler.Enqueue(run);
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
