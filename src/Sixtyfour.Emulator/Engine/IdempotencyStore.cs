using System.Collections.Concurrent;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// Remembers which run an <c>Idempotency-Key</c> started, so a retried run request returns that run
/// instead of starting another. Concurrent repeats share one start; a start that fails is forgotten,
/// so the key can be retried after fixing the request.
/// </summary>
public sealed class IdempotencyStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task<WorkflowRun>>> runs = new(StringComparer.Ordinal);

    /// <summary>The run started under <paramref name="key"/> (and true), or the newly started one (and false).</summary>
    public async Task<(WorkflowRun Run, bool AlreadyStarted)> GetOrStartAsync(string key, Func<Task<WorkflowRun>> start)
    {
        var created = new Lazy<Task<WorkflowRun>>(start);
        var entry = runs.GetOrAdd(key, created);
        try
        {
            return (await entry.Value, entry != created);
        }
        catch
        {
            runs.TryRemove(new KeyValuePair<string, Lazy<Task<WorkflowRun>>>(key, entry));
            throw;
        }
    }

    /// <summary>The run a key has already started, or null when it has none (yet).</summary>
    public WorkflowRun? Find(string key) =>
        runs.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully ? entry.Value.Result : null;

    public void Clear() => runs.Clear();
}
