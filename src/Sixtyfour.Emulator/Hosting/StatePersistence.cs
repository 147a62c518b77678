using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Models;
using Sixtyfour.Emulator.Scheduling;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>
/// With a kept data directory, state survives a restart: workflows, schedules, the credit balance
/// and the signing secrets are saved to <c>state/*.json</c> after every change, and runs to their own
/// <c>run.json</c> (see <see cref="RunStore"/>). At start they are read back; runs that had not ended
/// end failed with <c>emulator_stopped</c>, and schedules resume from now (occurrences missed while
/// stopped are skipped).
/// </summary>
public sealed class StatePersistence(
    StateFiles files,
    DataDirectory dataDirectory,
    WorkflowStore workflows,
    ScheduleStore schedules,
    CreditLedger ledger,
    SigningSecretStore secrets,
    RunStore runs,
    WorkflowCompiler compiler,
    TimeProvider timeProvider,
    ILogger<StatePersistence> logger)
{
    private string WorkflowsPath => files.PathOf("workflows");

    private string SchedulesPath => files.PathOf("schedules");

    private string CreditsPath => files.PathOf("credits");

    private string SecretsPath => files.PathOf("signing-secrets");

    /// <summary>Restores saved state and saves every change from now on; false when no workflows were saved (load the examples then).</summary>
    public bool RestoreAndTrack()
    {
        if (!files.Enabled)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var savedWorkflows = files.Read<List<WorkflowResponse>>(WorkflowsPath);
        workflows.Restore(savedWorkflows ?? []);
        schedules.Restore((files.Read<List<Schedule>>(SchedulesPath) ?? []).Select(schedule => schedule.Rearmed(now)));
        if (files.Read<CheckBalanceResponse>(CreditsPath) is { } balance)
        {
            ledger.Set(balance.Credits);
        }

        secrets.Restore(files.Read<List<SigningSecret>>(SecretsPath) ?? []);
        RestoreRuns(now);

        workflows.Changed += () => files.Write(WorkflowsPath, workflows.List());
        schedules.Changed += () => files.Write(SchedulesPath, schedules.List());
        ledger.Changed += () => files.Write(CreditsPath, new CheckBalanceResponse(ledger.Balance));
        secrets.Changed += () => files.Write(SecretsPath, secrets.Snapshot());
        files.Write(CreditsPath, new CheckBalanceResponse(ledger.Balance));
        return savedWorkflows is not null;
    }

    private void RestoreRuns(DateTimeOffset now)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(dataDirectory.Root, "runs"), RunStore.RecordFileName, SearchOption.AllDirectories))
        {
            try
            {
                var record = files.Read<RunRecord>(path)!;
                var run = WorkflowRun.Restore(record, compiler.Compile(record.Definition, record.SpecsOverride), Path.GetDirectoryName(path)!, now);

                // A run cut off by the stop still holds its reservation: settling returns it, less what it used.
                run.Settle(ledger);
                runs.AddRestored(run);
                if (run.Status != record.Status)
                {
                    runs.Save(run);
                }
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or WorkflowGraphException or IOException)
            {
                logger.LogWarning(exception, "Skipped the saved run {Path}: it cannot be read back", path);
            }
        }
    }
}
