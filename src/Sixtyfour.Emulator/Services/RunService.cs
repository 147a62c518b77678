using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Services;

/// <summary>What the HTTP edge read of a run request: the workflow to run and the request for it (payload stored in the draft).</summary>
public sealed record RunStartRequest(Workflow Workflow, RunRequest Request);

/// <summary>
/// Starts workflow runs, from <c>POST /workflows/run</c> and from schedules, through <see cref="RunStarts"/>:
/// idempotent replay, launch (checks, credit reservation, queueing) and clean-up. Runs have no
/// submission limit of their own (the API-wide request limit covers them).
/// </summary>
public sealed class RunService(RunStarts starts, RunLauncher launcher)
{
    /// <summary>
    /// Starts a run; <paramref name="read"/> reads the request into the draft (its payload into the draft's
    /// directory) and is not called for a replayed <paramref name="idempotencyKey"/>.
    /// </summary>
    public Task<StartedRun> StartAsync(string? idempotencyKey, Func<RunDraft, CancellationToken, Task<RunStartRequest>> read, CancellationToken cancellationToken) =>
        starts.StartAsync(idempotencyKey, limiter: null, async (draft, token) =>
        {
            var (workflow, request) = await read(draft, token);
            return await launcher.LaunchAsync(workflow, draft, request, token);
        }, cancellationToken);

    /// <summary>
    /// Starts a run for a schedule: the source's scheduled input (see <see cref="ISourceBlock.ScheduledPayload"/>),
    /// CSV results. A run that cannot start is still recorded, as failed with the reason, so the schedule's
    /// history shows it. Throws <see cref="RunRequestException"/> only when the workflow itself cannot run.
    /// </summary>
    public async Task<WorkflowRun> StartScheduledAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var compiled = launcher.Compile(workflow, null);
        try
        {
            return (await starts.StartAsync(idempotencyKey: null, limiter: null, async (draft, token) =>
            {
                var sample = ((ISourceBlock)compiled.Blocks[compiled.Source]).ScheduledPayload(WorkflowRun.EffectiveSpecs(compiled.Source, null));
                RunPayload? payload = null;
                if (sample is not null)
                {
                    using var writer = new RunPayloadWriter(draft.Directory);
                    foreach (var record in sample)
                    {
                        writer.Write(record);
                    }

                    payload = writer.Complete();
                }

                return await launcher.LaunchAsync(workflow, draft, new RunRequest(payload, null, new HashSet<ResultFormat> { ResultFormat.Csv }), token);
            }, cancellationToken)).Run;
        }
        catch (RunRequestException exception)
        {
            return launcher.RecordRejected(workflow, compiled, starts.NewDraft(), "cannot_start", exception.Message);
        }
        catch (InsufficientCreditsException)
        {
            return launcher.RecordRejected(workflow, compiled, starts.NewDraft(), "insufficient_credits", "Insufficient API credits");
        }
    }
}
