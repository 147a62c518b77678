using System.Collections.Concurrent;

namespace Sixtyfour.Emulator.Engine;

/// <summary>All runs of this emulator process; runs outlive their workflow's deletion, as in the real service.</summary>
public sealed class RunStore
{
    private readonly ConcurrentDictionary<Guid, WorkflowRun> runs = new();

    public void Add(WorkflowRun run) => runs[run.Id] = run;

    public WorkflowRun? Find(Guid id) => runs.GetValueOrDefault(id);

    /// <summary>Forgets every run and returns them, so running ones can be cancelled.</summary>
    public IReadOnlyList<WorkflowRun> Clear()
    {
        var all = runs.Values.ToList();
        runs.Clear();
        return all;
    }

    /// <summary>Newest first (by queue time).</summary>
    public IEnumerable<WorkflowRun> List() => runs.Values.OrderByDescending(run => run.QueuedAt).ThenBy(run => run.Id);
}
