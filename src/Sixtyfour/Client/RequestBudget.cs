using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Sixtyfour.Client
{
    /// <summary>
    /// A sliding one-minute window of requests shared by everything that polls in this process, so that any number of
    /// waits (several Wait-SfWorkflowRun calls, runspaces, thread jobs) stay under the API's documented 500 requests a
    /// minute per key. A 429 pauses every poller, not just the one that got it.
    /// </summary>
    internal sealed class RequestBudget
    {
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        private readonly Queue<TimeSpan> _sent = new Queue<TimeSpan>();
        private readonly SemaphoreSlim _turn = new SemaphoreSlim(1, 1);
        private readonly Func<TimeSpan> _now;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private TimeSpan _pausedUntil = TimeSpan.MinValue;

        public RequestBudget() : this(StopwatchNow, Task.Delay) { }

        /// <summary>A clock and a delay of the caller's, so tests can run minutes of polling in no time.</summary>
        public RequestBudget(Func<TimeSpan> now, Func<TimeSpan, CancellationToken, Task> delay)
        {
            _now = now;
            _delay = delay;
        }

        /// <summary>The one budget of this process.</summary>
        public static RequestBudget Polling { get; } = new RequestBudget();

        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private static TimeSpan StopwatchNow() => Clock.Elapsed;

        /// <summary>Waits until one more request fits into the last minute at <paramref name="perMinute"/>, then counts it.</summary>
        public async Task TakeAsync(int perMinute, CancellationToken cancellationToken)
        {
            if (perMinute < 1) throw new ArgumentOutOfRangeException(nameof(perMinute));
            // One taker at a time: turns are handed out in the order they were asked for, so no waiter starves.
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var now = _now();
                    TimeSpan wait;
                    lock (_sent)
                    {
                        while (_sent.Count > 0 && now - _sent.Peek() >= Window) _sent.Dequeue();
                        if (now < _pausedUntil) wait = _pausedUntil - now;
                        else if (_sent.Count < perMinute)
                        {
                            _sent.Enqueue(now);
                            return;
                        }
                        else wait = Window - (now - _sent.Peek());
                    }
                    await _delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        /// <summary>The server said to slow down: nobody polls again before <paramref name="delay"/> has passed.</summary>
        public void Pause(TimeSpan delay)
        {
            lock (_sent)
            {
                var until = _now() + delay;
                if (until > _pausedUntil) _pausedUntil = until;
            }
        }
    }
}
