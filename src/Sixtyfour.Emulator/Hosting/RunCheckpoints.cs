using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>
/// Saves every running run now and then (<see cref="EmulatorOptions.CheckpointInterval"/>): a run's
/// record is otherwise written only when a block completes, so after a kill a long block would show no
/// progress and a block that had started would still show <c>pending</c>.
/// </summary>
public sealed class RunCheckpoints(RunStore runs, StateFiles files, EmulatorOptions options, TimeProvider timeProvider, ILogger<RunCheckpoints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!files.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CheckpointInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var run in runs.List().Where(run => run.Status == RunStatus.Running))
            {
                try
                {
                    runs.Save(run);
                }
                catch (IOException exception)
                {
                    // A checkpoint is a convenience: the next one, or the run's end, saves it again.
                    logger.LogWarning(exception, "Could not save the progress of run {RunId}", run.Id);
                }
            }
        }
    }
}
