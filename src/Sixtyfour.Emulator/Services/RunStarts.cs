using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Limits;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Services;

/// <summary>A start's outcome: the run, and whether an earlier request with the same idempotency key had started it.</summary>
public sealed record StartedRun(WorkflowRun Run, bool AlreadyStarted);

/// <summary>The submission limit refused a start; <see cref="RetryAfter"/> is when the window frees a place.</summary>
public sealed class StartRateLimitedException(TimeSpan retryAfter) : Exception("Too many submissions.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The steps every way of starting a run takes, in one order: an idempotent replay answers first (it
/// is not a new submission, so its body is not even read), then the submission limit, then the
/// request is read into a <see cref="RunDraft"/> and launched. A start that fails for any reason,
/// the client going away included, leaves nothing behind: the draft's directory and files are removed.
/// </summary>
public sealed class RunStarts(IdempotencyStore idempotency, DataDirectory dataDirectory)
{
    /// <param name="idempotencyKey">The key, already scoped to the kind of start; null for none.</param>
    /// <param name="limiter">The submission limit of this kind of start, if it has one.</param>
    /// <param name="launch">Reads the request into the draft and launches it.</param>
    public async Task<StartedRun> StartAsync(
        string? idempotencyKey,
        SlidingWindowRateLimiter? limiter,
        Func<RunDraft, CancellationToken, Task<WorkflowRun>> launch,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && idempotency.Find(idempotencyKey) is { } earlier)
        {
            return new StartedRun(earlier, AlreadyStarted: true);
        }

        if (limiter is not null && !limiter.TryAcquire(out var retryAfter))
        {
            throw new StartRateLimitedException(retryAfter);
        }

        async Task<WorkflowRun> Launch()
        {
            var draft = NewDraft();
            try
            {
                return await launch(draft, cancellationToken);
            }
            finally
            {
                draft.Discard();
            }
        }

        // Concurrent repeats of a key share one start; a start that fails forgets its key.
        var (run, alreadyStarted) = idempotencyKey is null ? (await Launch(), false) : await idempotency.GetOrStartAsync(idempotencyKey, Launch);
        return new StartedRun(run, alreadyStarted);
    }

    /// <summary>A new run id and its directory (not created yet).</summary>
    public RunDraft NewDraft()
    {
        var id = Guid.NewGuid();
        return new RunDraft(id, dataDirectory.RunPath(id));
    }
}
