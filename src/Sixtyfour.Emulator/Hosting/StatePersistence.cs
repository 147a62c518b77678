using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Scheduling;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>
/// With a kept data directory, state survives a restart: workflows and schedules are saved one file per
/// entry (<c>state/workflows/{id}.json</c>, <c>state/schedules/{id}.json</c>, so a save costs the same
/// however many are stored), the credit balance and the signing secrets to <c>state/*.json</c>, after
/// every change, and runs to their own <c>run.json</c> (see <see cref="RunStore"/>). At start they are
/// read back; runs that had not ended end failed with <c>emulator_stopped</c>, and schedules resume from
/// now (occurrences missed while stopped are skipped). What a kill left half written goes: temporary
/// files, partial uploads, and in run directories every file the run's record does not list.
/// </summary>
public sealed class StatePersistence(
    StateFiles files,
    DataDirectory dataDirectory,
    UploadStore uploads,
    WorkflowStore workflows,
    ScheduleStore schedules,
    CreditLedger ledger,
    SigningSecretStore secrets,
    RunStore runs,
    WorkflowCompiler compiler,
    TimeProvider timeProvider,
    ILogger<StatePersistence> logger)
{
    private const string WorkflowsCollection = "workflows";

    private const string SchedulesCollection = "schedules";

    private string CreditsPath => files.PathOf("credits");

    private string SecretsPath => files.PathOf("signing-secrets");

    /// <summary>Restores saved state and saves every change from now on; false when no workflows were saved (load the examples then).</summary>
    public bool RestoreAndTrack()
    {
        if (!files.Enabled)
        {
            return false;
        }

        files.RemoveTemporaryFiles();
        uploads.RemovePartialUploads();
        var now = timeProvider.GetUtcNow();
        workflows.Restore(ReadCollection<Workflow>(WorkflowsCollection, workflow => workflow.Id));
        schedules.Restore(ReadCollection<Schedule>(SchedulesCollection, schedule => schedule.Id).Select(schedule => schedule.Rearmed(now)));
        if (files.Read<SavedCredits>(CreditsPath) is { } balance)
        {
            ledger.Set(balance.Credits);
        }

        secrets.Restore(files.Read<List<SigningSecret>>(SecretsPath) ?? []);
        RestoreRuns(now);

        workflows.Changed += id => files.Write(files.EntryPath(WorkflowsCollection, id), () => workflows.Find(id));
        schedules.Changed += id => files.Write(files.EntryPath(SchedulesCollection, id), () => schedules.Find(id));
        ledger.Changed += () => files.Write(CreditsPath, new SavedCredits(ledger.Balance));
        secrets.Changed += () => files.Write(SecretsPath, secrets.Snapshot());
        files.Write(CreditsPath, new SavedCredits(ledger.Balance));
        return files.HasCollection(WorkflowsCollection);
    }

    /// <summary>
    /// A collection's entries. A single <c>state/{collection}.json</c> list (how earlier versions saved
    /// it) is first moved into entry files.
    /// </summary>
    private List<T> ReadCollection<T>(string collection, Func<T, Guid> idOf)
        where T : class
    {
        var legacyPath = files.PathOf(collection);
        if (files.Read<List<T>>(legacyPath) is { } legacy)
        {
            files.CreateCollection(collection);
            foreach (var entry in legacy)
            {
                files.Write(files.EntryPath(collection, idOf(entry)), entry);
            }

            File.Delete(legacyPath);
        }

        return files.ReadCollection<T>(collection);
    }

    private void RestoreRuns(DateTimeOffset now)
    {
        var root = Path.Combine(dataDirectory.Root, "runs");
        // A kill between a run's directory and its first record leaves a directory no run owns (a damaged record,
        // set aside as run.json.damaged-*, is kept for the user to look at).
        foreach (var orphan in Directory.EnumerateDirectories(root).Where(directory => !Directory.EnumerateFiles(directory, RunStore.RecordFileName + "*").Any()).ToList())
        {
            Directory.Delete(orphan, recursive: true);
        }

        foreach (var path in Directory.EnumerateFiles(root, RunStore.RecordFileName, SearchOption.AllDirectories))
        {
            // A damaged record has been set aside, with a warning, by the read.
            if (files.Read<RunRecord>(path) is not { } record)
            {
                continue;
            }

            WorkflowRun run;
            try
            {
                run = WorkflowRun.Restore(record, compiler.Compile(record.Definition, record.SpecsOverride), Path.GetDirectoryName(path)!, now);
            }
            catch (Exception exception)
            {
                // One run that cannot be rebuilt (its blocks' rules changed, a value out of range) must not stop the emulator.
                logger.LogWarning(exception, "Skipped the saved run {Path}: it cannot be read back", path);
                continue;
            }

            RemoveLeftovers(record, Path.GetDirectoryName(path)!);

            // A run cut off by the stop still holds its reservation: settling returns it, less what it used.
            run.Settle(ledger);
            runs.AddRestored(run);
            if (run.Status != record.Status)
            {
                runs.Save(run);
            }
        }
    }

    /// <summary>Deletes what a kill left in a run's directory: spools, partial result files, its input; only the record and listed result files stay.</summary>
    private static void RemoveLeftovers(RunRecord record, string directory)
    {
        var kept = record.Blocks.SelectMany(block => block.Output?.Files ?? []).Select(file => file.FileName).Append(RunStore.RecordFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory).Where(path => !kept.Contains(Path.GetFileName(path))))
        {
            File.Delete(path);
        }
    }
}

/// <summary>The credits file: the ledger's balance, under the name the API gives it, so files saved before stay readable.</summary>
internal sealed record SavedCredits([property: JsonPropertyName("credits")] decimal Credits);
