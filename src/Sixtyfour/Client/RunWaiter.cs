using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>How often live_status is polled: a short first wait, growing by a factor up to a cap.</summary>
    public sealed class PollingOptions
    {
        public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(2);
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(8);
        public double Backoff { get; set; } = 1.3;
        /// <summary>Null waits for as long as the run takes.</summary>
        public TimeSpan? Timeout { get; set; }
    }

    /// <summary>The client gave up waiting; the run itself goes on.</summary>
    public sealed class RunWaitTimeoutException : TimeoutException
    {
        public RunWaitTimeoutException(SfWorkflowRun run, TimeSpan waited)
            : base($"Run {run.JobId} was still {run.Status} after {waited.TotalSeconds:0.#} s.") => Run = run;

        public SfWorkflowRun Run { get; }
    }

    /// <summary>The one polling loop: every wait in the module (Wait-SfWorkflowRun, Start-SfWorkflowRun -Wait) uses it.</summary>
    public sealed class RunWaiter
    {
        private readonly SixtyfourApi _api;
        private readonly PollingOptions _options;

        public RunWaiter(SixtyfourApi api, PollingOptions options)
        {
            _api = api;
            _options = options;
        }

        /// <summary>Polls until the run ends (completed, failed or cancelled) and returns it; <paramref name="onUpdate"/> sees every poll.</summary>
        public async Task<SfWorkflowRun> WaitAsync(SfWorkflowRun run, Action<SfWorkflowRun> onUpdate, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var interval = _options.FirstInterval;
            while (true)
            {
                await _api.RefreshAsync(run, cancellationToken).ConfigureAwait(false);
                if (run.IsTerminal) await _api.ExplainFailureAsync(run, cancellationToken).ConfigureAwait(false);
                onUpdate(run);
                if (run.IsTerminal) return run;

                var delay = interval;
                if (_options.Timeout is TimeSpan limit)
                {
                    var left = limit - clock.Elapsed;
                    if (left <= TimeSpan.Zero) throw new RunWaitTimeoutException(run, clock.Elapsed);
                    if (left < delay) delay = left;
                }
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromMilliseconds(Math.Min(_options.MaxInterval.TotalMilliseconds, interval.TotalMilliseconds * _options.Backoff));
            }
        }
    }
}
