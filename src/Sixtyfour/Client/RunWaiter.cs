using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>How often live_status is polled: a short first wait, growing by a factor up to a cap.</summary>
    internal sealed class PollingOptions
    {
        public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(2);
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(8);
        public double Backoff { get; set; } = 1.3;
        /// <summary>Null waits for as long as the run takes.</summary>
        public TimeSpan? Timeout { get; set; }
        /// <summary>Polls of this whole process in any minute, under the API's documented 500.</summary>
        public int PollsPerMinute { get; set; } = SixtyfourClientOptions.DefaultPollsPerMinute;
    }

    /// <summary>The client gave up waiting; the run itself goes on.</summary>
    public sealed class RunWaitTimeoutException : TimeoutException
    {
        public RunWaitTimeoutException(SfWorkflowRun run, TimeSpan waited)
            : base($"Run {run.JobId} was still {(string.IsNullOrEmpty(run.Status) ? "without a status" : run.Status)} after {waited.TotalSeconds:0.#} s.") => Run = run;

        public SfWorkflowRun Run { get; }
    }

    /// <summary>
    /// The one polling loop: every wait in the module (Wait-SfWorkflowRun, Start-SfWorkflowRun -Wait, bulk jobs) uses
    /// it. Every poll takes its turn from the process's <see cref="RequestBudget"/>.
    /// </summary>
    internal sealed class RunWaiter
    {
        private readonly SixtyfourApi _api;
        private readonly PollingOptions _options;
        private readonly RequestBudget _budget;

        public RunWaiter(SixtyfourApi api, PollingOptions options, RequestBudget? budget = null)
        {
            _api = api;
            _options = options;
            _budget = budget ?? RequestBudget.Polling;
        }

        /// <summary>
        /// Polls until the run reaches an end state and returns it; <paramref name="onUpdate"/> sees every answer, and
        /// <paramref name="onWarning"/> hears once about a status no reference names (the wait goes on: -TimeoutSec ends it).
        /// </summary>
        public async Task<SfWorkflowRun> WaitAsync(SfWorkflowRun run, Action<SfWorkflowRun> onUpdate, Action<string> onWarning, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            // The timeout bounds everything, a turn awaited from the shared budget and a poll under way included.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_options.Timeout is TimeSpan limit) deadline.CancelAfter(limit);
            try
            {
                return await PollUntilEndAsync(run, onUpdate, onWarning, clock, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RunWaitTimeoutException(run, clock.Elapsed);
            }
        }

        private async Task<SfWorkflowRun> PollUntilEndAsync(SfWorkflowRun run, Action<SfWorkflowRun> onUpdate, Action<string> onWarning, Stopwatch clock,
            CancellationToken cancellationToken)
        {
            var interval = _options.FirstInterval;
            var warned = false;
            var liveStatusMissing = false;
            // A bulk job is not in the runs list: it always polls on its own.
            var watch = run.IsBulkJob ? null : RunsListWatch.For(_api).Enter(_api, run, _options, _budget);
            try
            {
                if (watch?.Shared == true) await watch.NextAsync(Backstop(), cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var retryAfter = await PollAsync(run, cancellationToken).ConfigureAwait(false);
                    if (retryAfter is null)
                    {
                        if (run.IsBulkJob && !run.IsTerminal && !liveStatusMissing)
                            liveStatusMissing = !await TryProgressAsync(run, cancellationToken).ConfigureAwait(false);
                        if (run.IsTerminal) await _api.ExplainFailureAsync(run, cancellationToken).ConfigureAwait(false);
                        onUpdate(run);
                        if (run.IsTerminal) return run;
                        if (!warned && !RunStatus.IsKnown(run.Status))
                        {
                            warned = true;
                            onWarning(string.IsNullOrEmpty(run.Status)
                                ? $"Run {run.JobId}: the API's answer has no status; still waiting (-TimeoutSec ends the wait)."
                                : $"Run {run.JobId} reports the status '{run.Status}', which the module does not know; still waiting (-TimeoutSec ends the wait).");
                        }
                    }
                    // A bare id that turned out to be a bulk job is not in the runs list either.
                    if (run.IsBulkJob && watch != null)
                    {
                        watch.Dispose();
                        watch = null;
                    }

                    var delay = retryAfter is TimeSpan asked && asked > interval ? asked : interval;
                    if (_options.Timeout is TimeSpan limit)
                    {
                        var left = limit - clock.Elapsed;
                        if (left <= TimeSpan.Zero) throw new RunWaitTimeoutException(run, clock.Elapsed);
                        if (left < delay) delay = left;
                    }
                    // The timeout still ends a shared wait: it cancels the token.
                    if (watch?.Shared == true) await watch.NextAsync(Backstop(), cancellationToken).ConfigureAwait(false);
                    else await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    interval = TimeSpan.FromMilliseconds(Math.Min(_options.MaxInterval.TotalMilliseconds, interval.TotalMilliseconds * _options.Backoff));
                }
            }
            finally
            {
                watch?.Dispose();
            }
        }

        /// <summary>
        /// How long a run left to the runs list goes without a poll of its own at most: a minute, or longer when so many
        /// runs are waited on that these polls would take more than a quarter of the budget.
        /// </summary>
        private TimeSpan Backstop() =>
            TimeSpan.FromMinutes(Math.Max(1, 4.0 * RunsListWatch.For(_api).Count / _options.PollsPerMinute));

        /// <summary>
        /// One poll (see <see cref="SixtyfourApi.RefreshAsync"/> for a run not visible yet). Null when the run was
        /// refreshed; otherwise how long to hold off: the API asked to slow down, and a 429 never ends a wait.
        /// </summary>
        private async Task<TimeSpan?> PollAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            await _budget.TakeAsync(_options.PollsPerMinute, cancellationToken).ConfigureAwait(false);
            try
            {
                await _api.RefreshAsync(run, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (SixtyfourApiException e) when ((int)e.StatusCode == 429)
            {
                var pause = e.RetryAfter ?? _options.MaxInterval;
                _budget.Pause(pause);
                return pause;
            }
        }

        /// <summary>live_status may still feed a bulk job's progress bar; false when it does not know the job (no error: job-status does).</summary>
        private async Task<bool> TryProgressAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            await _budget.TakeAsync(_options.PollsPerMinute, cancellationToken).ConfigureAwait(false);
            try
            {
                await _api.RefreshProgressAsync(run, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }
    }
}
