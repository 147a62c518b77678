using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Bulk;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Services;

/// <summary>What the HTTP edge read of a bulk submission: the uploaded file (registered with the draft) and the checked config.</summary>
public sealed record BulkJobRequest(Guid Handle, JsonObject Config, RunVariations Variations);

/// <summary>
/// Starts Bulk Intelligence jobs through <see cref="RunStarts"/>: an idempotent replay (keys are per
/// endpoint), then the documented limit of <see cref="SubmissionRateLimiter.Limit"/> submissions a
/// minute, then the form, then the launch of the job's generated workflow. The upload goes with a
/// job that does not start.
/// </summary>
public sealed class BulkJobService(RunStarts starts, SubmissionRateLimiter limiter, RunLauncher launcher, TimeProvider timeProvider)
{
    public Task<StartedRun> StartAsync(BulkIntelligenceKind kind, string? idempotencyKey, Func<RunDraft, CancellationToken, Task<BulkJobRequest>> read, CancellationToken cancellationToken) =>
        starts.StartAsync(idempotencyKey is null ? null : $"{kind.Path} {idempotencyKey}", limiter, async (draft, token) =>
        {
            var job = await read(draft, token);
            var workflow = kind.Workflow(job.Handle, job.Config, timeProvider.GetUtcNow());
            return await launcher.LaunchAsync(workflow, draft, new RunRequest(null, null, BulkIntelligenceKind.Formats(job.Config), job.Variations), token);
        }, cancellationToken);
}
