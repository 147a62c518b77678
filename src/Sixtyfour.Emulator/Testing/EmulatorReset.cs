using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Bulk;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Limits;
using Sixtyfour.Emulator.Scheduling;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Testing;

/// <summary>Puts the emulator back to its start state: example workflows only, no runs, notebooks or outbox, no faults, empty rate-limit windows, default settings.</summary>
public sealed class EmulatorReset(
    FaultRules faults,
    RequestJournal journal,
    DownloadUrlSigner signer,
    RunStore runs,
    WorkflowStore workflows,
    IdempotencyStore idempotency,
    CreditLedger ledger,
    SubmissionRateLimiter bulkRateLimiter,
    RequestRateLimiter requestRateLimiter,
    SigningSecretStore signingSecrets,
    ScheduleStore schedules,
    NotebookStore notebooks,
    Outbox outbox,
    TimeProvider timeProvider)
{
    /// <summary>The example workflow files, beside the executable.</summary>
    public static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Workflows");

    public void Reset()
    {
        faults.Clear();
        journal.Clear();
        idempotency.Clear();
        bulkRateLimiter.Clear();
        requestRateLimiter.Clear();
        signingSecrets.Clear();
        schedules.Clear();
        notebooks.Clear();
        outbox.Clear();
        signer.LifetimeSeconds = DownloadUrlSigner.DefaultLifetimeSeconds;
        ledger.Set(ledger.StartingBalance);
        var now = timeProvider.GetUtcNow();
        foreach (var run in runs.Clear())
        {
            run.Cancel(now);
        }

        workflows.Clear();
        workflows.LoadExamples(ExamplesDirectory, now);
    }
}
