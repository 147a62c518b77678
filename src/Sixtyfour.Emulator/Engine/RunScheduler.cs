using System.Threading.Channels;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Engine;

/// <summary>Queues runs and executes them in the background, at most <see cref="EmulatorOptions.MaxConcurrentRuns"/> at a time.</summary>
public sealed class RunScheduler(EmulatorOptions options, WorkflowExecutor executor, TimeProvider timeProvider, ILogger<RunScheduler> logger) : BackgroundService
{
    private readonly Channel<WorkflowRun> queue = Channel.CreateUnbounded<WorkflowRun>(new UnboundedChannelOptions { SingleWriter = false });

    public void Enqueue(WorkflowRun run)
    {
        if (!queue.Writer.TryWrite(run))
        {
            throw new InvalidOperationException("The run queue is closed; the emulator is stopping.");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.MaxConcurrentRuns).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await executor.ExecuteAsync(run, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The executor contains block failures itself; anything reaching here is an emulator bug.
                    logger.LogError(exception, "Run {RunId} crashed", run.Id);
                    run.Fail("internal_error", "Internal server error", timeProvider.GetUtcNow());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
        }
    }
}
