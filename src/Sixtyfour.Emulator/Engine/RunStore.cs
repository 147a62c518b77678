using System.Collections.Concurrent;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// All runs of this emulator; runs outlive their workflow's deletion, as in the real service. With a
/// kept data directory each run is also saved as <c>run.json</c> in its directory when it is queued,
/// when each block completes, every second while it runs (<c>RunCheckpoints</c>, so a kill keeps its
/// progress) and when it ends, and read back at start (see <c>StatePersistence</c>).
/// </summary>
public sealed class RunStore(StateFiles files)
{
    public const string RecordFileName = "run.json";

    private readonly ConcurrentDictionary<Guid, WorkflowRun> runs = new();

    /// <summary>Adds a run and saves it.</summary>
    public void Add(WorkflowRun run)
    {
        runs[run.Id] = run;
        Save(run);
    }

    /// <summary>Adds a run read back from disk (no need to write it again).</summary>
    public void AddRestored(WorkflowRun run) => runs[run.Id] = run;

    /// <summary>
    /// Saves the run as it is when the file's turn comes, so a checkpoint taken earlier never overwrites a
    /// later state, and a run forgotten by <see cref="Clear"/> meanwhile is not written back.
    /// </summary>
    public void Save(WorkflowRun run) =>
        files.Write(Path.Combine(run.Directory, RecordFileName), () => runs.ContainsKey(run.Id) ? run.ToRecord() : null);

    public WorkflowRun? Find(Guid id) => runs.GetValueOrDefault(id);

    /// <summary>Forgets every run (and its saved record) and returns them, so running ones can be cancelled.</summary>
    public IReadOnlyList<WorkflowRun> Clear()
    {
        var all = runs.Values.ToList();
        runs.Clear();
        foreach (var run in all)
        {
            files.Delete(Path.Combine(run.Directory, RecordFileName));
        }

        return all;
    }

    /// <summary>Newest first (by queue time).</summary>
    public IEnumerable<WorkflowRun> List() => runs.Values.OrderByDescending(run => run.QueuedAt).ThenBy(run => run.Id);
}
