using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>
    /// Once many runs are waited on in this process, one poll of the runs list (<c>status=active</c>) stands in for a
    /// poll of each run: a run the list does not show as queued or running is woken and polls its own live_status,
    /// which says how it ended. The list only ever says "look now", never how a run ended, so a list that lags, is cut
    /// at its limit (there is no paging), ignores the filter or names odd statuses costs polls, not correctness. Shared
    /// by every wait on one connection (several Wait-SfWorkflowRun calls, thread jobs); its polls take turns from the
    /// same <see cref="RequestBudget"/>.
    /// </summary>
    internal sealed class RunsListWatch
    {
        /// <summary>From this many runs at once a list poll costs less than polling each (each run polls ~8 times a minute).</summary>
        public const int Threshold = 10;

        /// <summary>The most runs one list answer holds (the documented maximum of limit).</summary>
        private const int ListLimit = 500;

        private static readonly ConditionalWeakTable<SixtyfourConnection, RunsListWatch> Watches = new ConditionalWeakTable<SixtyfourConnection, RunsListWatch>();

        private readonly object _gate = new object();
        private readonly List<Watcher> _watchers = new List<Watcher>();
        private CancellationTokenSource? _loop;
        private bool _unsupported;

        /// <summary>The watch of <paramref name="api"/>'s connection, made on first use.</summary>
        public static RunsListWatch For(SixtyfourApi api) => Watches.GetValue(api.Client.Connection, _ => new RunsListWatch());

        /// <summary>True while waits share the list: enough of them, and the API takes the list's filter.</summary>
        public bool Shared
        {
            get { lock (_gate) return _loop != null; }
        }

        /// <summary>Waits counted in now.</summary>
        public int Count
        {
            get { lock (_gate) return _watchers.Count; }
        }

        /// <summary>Counts a wait in; disposing the answer counts it out.</summary>
        public Watcher Enter(SixtyfourApi api, SfWorkflowRun run, PollingOptions options, RequestBudget budget)
        {
            var watcher = new Watcher(this, run, api, options, budget);
            lock (_gate)
            {
                _watchers.Add(watcher);
                if (_loop is null && !_unsupported && _watchers.Count >= Threshold)
                {
                    var loop = _loop = new CancellationTokenSource();
                    // The loop outlives the command that happens to start it: nothing of that command's flow (its
                    // pipeline, its cancellation) goes with it.
                    using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => LoopAsync(loop.Token));
                }
            }
            return watcher;
        }

        private void Leave(Watcher watcher)
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
                // Once on, the list stays on until the last wait ends: it costs one request a round however few runs are left.
                if (_watchers.Count == 0) StopLoop();
            }
        }

        /// <summary>Ends the shared polling (under the lock) and wakes every wait left, which then polls on its own again.</summary>
        private void StopLoop()
        {
            if (_loop is null) return;
            _loop.Cancel();
            _loop.Dispose();
            _loop = null;
            foreach (var w in _watchers) w.Wake();
        }

        private async Task LoopAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    Watcher[] watchers;
                    lock (_gate) watchers = _watchers.ToArray();
                    if (watchers.Length == 0) return;
                    // The newest wait's connection settings, and the shortest first interval of them all: one request
                    // covers every run, so it needs no backoff, and each run's end is seen within that interval.
                    var newest = watchers[watchers.Length - 1];
                    var interval = watchers.Min(w => w.Options.FirstInterval);
                    var cap = watchers.Min(w => w.Options.MaxInterval);

                    await newest.Budget.TakeAsync(newest.Options.PollsPerMinute, cancellationToken).ConfigureAwait(false);
                    // A client of the loop's own, with no log: a command's log writes to that command's pipeline, and
                    // the loop belongs to no pipeline.
                    var api = new SixtyfourApi(new SixtyfourClient(newest.Api.Client.Connection, newest.Api.Client.Options));
                    try
                    {
                        var active = new HashSet<string>(
                            (await api.ListRunsAsync("active", null, ListLimit, cancellationToken).ConfigureAwait(false))
                                .Where(r => RunStatus.IsKnown(r.Status) && !RunStatus.IsTerminal(r.Status)).Select(r => r.JobId),
                            StringComparer.OrdinalIgnoreCase);
                        foreach (var w in watchers) if (!active.Contains(w.Run.JobId)) w.Wake();
                    }
                    catch (SixtyfourApiException e) when ((int)e.StatusCode == 429)
                    {
                        newest.Budget.Pause(e.RetryAfter ?? cap);
                    }
                    catch (SixtyfourApiException e) when ((int)e.StatusCode >= 400 && (int)e.StatusCode < 500)
                    {
                        // The API does not take the list as asked (an older status filter, no access): each wait polls its run.
                        lock (_gate) _unsupported = true;
                        Abandon(cancellationToken);
                        return;
                    }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        // This round knows nothing: every wait looks for itself, as it would without the list.
                        foreach (var w in watchers) w.Wake();
                    }
                    await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The last wait has ended.
            }
            catch (Exception)
            {
                // Whatever broke the loop must not leave the waits waiting for it: they poll on their own again.
                Abandon(cancellationToken);
            }
        }

        /// <summary>Ends the loop whose token is <paramref name="loop"/>, if it is still the current one.</summary>
        private void Abandon(CancellationToken loop)
        {
            lock (_gate)
            {
                if (_loop != null && _loop.Token == loop) StopLoop();
            }
        }

        /// <summary>One run's place in the watch.</summary>
        internal sealed class Watcher : IDisposable
        {
            private readonly RunsListWatch _owner;
            private TaskCompletionSource<bool> _woken = NewSignal();

            public Watcher(RunsListWatch owner, SfWorkflowRun run, SixtyfourApi api, PollingOptions options, RequestBudget budget)
            {
                _owner = owner;
                Run = run;
                Api = api;
                Options = options;
                Budget = budget;
            }

            public SfWorkflowRun Run { get; }
            public SixtyfourApi Api { get; }
            public PollingOptions Options { get; }
            public RequestBudget Budget { get; }

            /// <summary>True while this wait leaves polling to the list.</summary>
            public bool Shared => _owner.Shared;

            public void Wake() => Volatile.Read(ref _woken).TrySetResult(true);

            /// <summary>
            /// Returns when the list no longer shows the run as active, or at the latest after <paramref name="backstop"/>:
            /// a run polls itself now and then whatever the list says, so a list that never lets go cannot hold a wait.
            /// </summary>
            public async Task NextAsync(TimeSpan backstop, CancellationToken cancellationToken)
            {
                var woken = Volatile.Read(ref _woken);
                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(backstop, timer.Token);
                    await Task.WhenAny(woken.Task, delay).ConfigureAwait(false);
                    timer.Cancel();
                }
                cancellationToken.ThrowIfCancellationRequested();
                // Signals given from here on are for the next turn; one given before is not lost (it is this turn's).
                Interlocked.CompareExchange(ref _woken, NewSignal(), woken);
            }

            public void Dispose() => _owner.Leave(this);

            private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
