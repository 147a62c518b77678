using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Hosting;
using Sixtyfour.Emulator.Services;

namespace Sixtyfour.Emulator.Scheduling;

/// <summary>
/// Starts scheduled runs while the emulator runs: every <see cref="EmulatorOptions.ScheduleTick"/> it
/// fires each active schedule whose next time has come (on the emulator's clock, so tests can move
/// it), once — occurrences missed meanwhile are skipped — and rearms it for its next time after now.
/// A schedule whose workflow is gone is deactivated with that reason instead.
/// </summary>
public sealed class ScheduleRunner(
    EmulatorOptions options,
    ScheduleStore schedules,
    WorkflowStore workflows,
    RunService runService,
    TimeProvider timeProvider,
    ILogger<ScheduleRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.ScheduleTick, timeProvider, stoppingToken);
                await RunDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var due in schedules.List().Where(schedule => schedule.IsActive && schedule.NextDue <= now))
        {
            // Claimed atomically: a PATCH may have deactivated or moved the schedule since it was listed.
            var fire = false;
            schedules.Update(due.Id, schedule =>
            {
                fire = schedule.IsActive && schedule.NextDue <= now;
                return fire ? schedule.Rearmed(now) : schedule;
            });
            if (!fire)
            {
                continue;
            }

            try
            {
                var workflow = workflows.Find(Guid.Parse(due.WorkflowId)) ?? throw new RunRequestException("Workflow not found");
                var run = await runService.StartScheduledAsync(workflow, cancellationToken);
                logger.LogInformation("Schedule {ScheduleId} started run {RunId} ({Status})", due.Id, run.Id, run.Status);
            }
            catch (RunRequestException exception)
            {
                schedules.Update(due.Id, schedule => schedule with { IsActive = false, DisabledReason = exception.Message, NextDue = null, UpdatedAt = now });
            }
        }
    }
}
