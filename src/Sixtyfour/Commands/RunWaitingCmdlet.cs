using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Cmdlets that wait on runs: one polling loop, one progress display, one way to report how a run ended.</summary>
    public abstract class RunWaitingCmdlet : SixtyfourCmdlet
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected RunWaitingCmdlet() { }

        private const int OverallActivityId = 64;
        /// <summary>Block lines of run activity N get ids N*1000+sequence: unique, and tied to their run.</summary>
        private const int BlockActivityStride = 1000;

        /// <summary>How long to wait, in seconds, before giving up on a run (the run goes on). 0 waits as long as it takes.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Seconds before the first poll; later polls back off to MaxPollingIntervalSec.</summary>
        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double PollingIntervalSec { get; set; } = 2;

        [Parameter]
        [ValidateRange(0.05, 3600)]
        public double MaxPollingIntervalSec { get; set; } = 8;

        /// <summary>
        /// Waits on all runs at once. Each run is written as soon as it completes; a run that fails, is cancelled or
        /// outlasts -TimeoutSec becomes an error with the run as its target, and is not written.
        /// </summary>
        private protected async Task WaitForRunsAsync(IReadOnlyList<SfWorkflowRun> runs, CancellationToken token)
        {
            if (runs.Count == 0) return;
            var options = new PollingOptions
            {
                FirstInterval = TimeSpan.FromSeconds(PollingIntervalSec),
                MaxInterval = TimeSpan.FromSeconds(Math.Max(PollingIntervalSec, MaxPollingIntervalSec)),
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                PollsPerMinute = Api.Client.Options.PollsPerMinute,
            };
            var waiter = new RunWaiter(Api, options);
            var many = runs.Count > 1;
            var done = 0;

            var pending = runs.Select((run, i) => (Run: run, ActivityId: OverallActivityId + 1 + i,
                Task: WaitOne(waiter, run, OverallActivityId + 1 + i, many, token))).ToList();
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending.Select(p => p.Task)).ConfigureAwait(false);
                token.ThrowIfCancellationRequested(); // a wait cancelled by Ctrl+C is not a run's outcome
                var entry = pending.First(p => p.Task == finished);
                pending.Remove(entry);
                done++;
                Progress(new ProgressRecord(entry.ActivityId, Activity(entry.Run), "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = many ? OverallActivityId : -1 });
                if (many) Progress(Overall(runs.Count, done));
                Report(entry.Run, finished);
            }
            if (many) Progress(new ProgressRecord(OverallActivityId, OverallText(runs.Count), "Done") { RecordType = ProgressRecordType.Completed });
        }

        private Task<SfWorkflowRun> WaitOne(RunWaiter waiter, SfWorkflowRun run, int activityId, bool many, CancellationToken token) =>
            waiter.WaitAsync(run, update =>
            {
                var records = new List<ProgressRecord>
                {
                    new ProgressRecord(activityId, Activity(update), Describe(update))
                    {
                        PercentComplete = Percent(update.ProgressPercentage),
                        ParentActivityId = many ? OverallActivityId : -1,
                        CurrentOperation = update.CurrentBlock is null ? null : $"Block {update.CurrentBlockSequence}: {update.CurrentBlock}",
                    },
                };
                // A child line per block that has started; a finished block's line is closed.
                foreach (var block in update.Blocks.Where(b => !string.Equals(b.Status, "pending", StringComparison.OrdinalIgnoreCase)))
                {
                    var finished = !string.Equals(block.Status, "running", StringComparison.OrdinalIgnoreCase);
                    records.Add(new ProgressRecord(activityId * BlockActivityStride + block.SequenceNumber, $"Block {block.SequenceNumber}: {block.BlockName}",
                        // A block that streams does not know its total yet: the API says 0 then.
                        block.TotalCount > 0 ? $"{block.Status}: {block.ProcessedCount} of {block.TotalCount} rows" : $"{block.Status}: {block.ProcessedCount} rows")
                    {
                        ParentActivityId = activityId,
                        PercentComplete = Percent(block.ProgressPercentage),
                        RecordType = finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                    });
                }
                Post(() => records.ForEach(WriteProgress));
            }, Warning, token);

        private static int Percent(double value) => (int)Math.Max(0, Math.Min(100, value));

        /// <summary>
        /// How one wait ended. Whatever failed there is that run's error record, never the end of the other waits.
        /// </summary>
        private void Report(SfWorkflowRun run, Task<SfWorkflowRun> outcome)
        {
            if (outcome.Exception?.GetBaseException() is Exception error)
            {
                Error(error is RunWaitTimeoutException timeout
                    ? ErrorRecords.Create(timeout, "RunWaitTimedOut", ErrorCategory.OperationTimeout, run, timeout.Message,
                        "The run goes on: wait again with Wait-SfWorkflowRun, a larger -TimeoutSec, or stop it.")
                    : ErrorRecords.From(error, run));
                return;
            }
            if (RunStatus.IsCompleted(run.Status))
                Emit(run);
            else if (RunStatus.IsCancelled(run.Status))
                Error(Ended(run, "RunCancelled", ErrorCategory.OperationStopped, "Start the workflow again if its results are still needed."));
            else if (RunStatus.IsTimedOut(run.Status))
                Error(Ended(run, "RunTimedOut", ErrorCategory.OperationTimeout,
                    "The service stopped the run for taking too long: start it again on fewer records (Start-SfWorkflowRun -BatchSize)."));
            else if (RunStatus.IsTerminated(run.Status))
                Error(Ended(run, "RunTerminated", ErrorCategory.OperationStopped,
                    "The service ended the run before it finished; start it again, and ask Sixtyfour's support if it happens again."));
            else
                Error(Ended(run, "RunFailed", ErrorCategory.InvalidResult,
                    "Fix the input or the workflow and start it again; the target object has the run's blocks and their errors."));
        }

        /// <summary>A run that ended without completing, named with the status the API gave and its reason.</summary>
        private static ErrorRecord Ended(SfWorkflowRun run, string errorId, ErrorCategory category, string advice) =>
            ErrorRecords.Create(errorId, category, run,
                $"{Noun(run)} {run.JobId}{(string.IsNullOrEmpty(run.WorkflowId) ? "" : $" of workflow {run.WorkflowId}")} ended with status '{run.Status}': {run.ErrorMessage ?? run.StatusReason ?? "no reason given"}.",
                advice);

        private static string Noun(SfWorkflowRun run) => run.IsBulkJob ? "Bulk Intelligence job" : "Run";

        private static string Activity(SfWorkflowRun run) => $"Sixtyfour {(run.IsBulkJob ? "job" : "run")} {run.JobId}";

        private static string Describe(SfWorkflowRun run) =>
            $"{run.Status}: {run.CompletedBlocks} of {run.TotalBlocks} blocks done, {run.ProgressPercentage:0}%";

        private static string OverallText(int count) => $"Waiting for {count} Sixtyfour runs";

        private static ProgressRecord Overall(int count, int done) =>
            new ProgressRecord(OverallActivityId, OverallText(count), $"{done} of {count} ended") { PercentComplete = done * 100 / count };
    }
}
