using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Testing;

/// <summary>Puts the emulator back to its start state: example workflows only, no runs, no faults, default settings.</summary>
public sealed class EmulatorReset(
    FaultRules faults,
    RequestJournal journal,
    DownloadUrlSigner signer,
    RunStore runs,
    WorkflowStore workflows,
    IdempotencyStore idempotency,
    TimeProvider timeProvider)
{
    /// <summary>The example workflow files, beside the executable.</summary>
    public static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Workflows");

    public void Reset()
    {
        faults.Clear();
        journal.Clear();
        idempotency.Clear();
        signer.LifetimeSeconds = DownloadUrlSigner.DefaultLifetimeSeconds;
        var now = timeProvider.GetUtcNow();
        foreach (var run in runs.Clear())
        {
            run.Cancel(now);
        }

        workflows.Clear();
        workflows.LoadExamples(ExamplesDirectory, now);
    }
}
