using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Sixtyfour.Serialization;

namespace Sixtyfour.Client
{
    /// <summary>
    /// A response body read with blocking calls, which no token can stop: a read that waits longer than the stall limit,
    /// or a stop (Ctrl+C), closes the body under it, and the read then fails with <see cref="TimeoutException"/> or
    /// <see cref="OperationCanceledException"/>. Only the time spent waiting inside a read counts, so a slow consumer
    /// between reads (a pipeline that takes its time over each row) is never taken for a silent server.
    /// </summary>
    internal sealed class WatchedStream : ReadOnlyStream
    {
        private const int Open = 0;
        private const int Stalled = 1;
        private const int Stopped = 2;

        private readonly Stream _inner;
        private readonly TimeSpan _limit;
        private readonly long _limitTicks;
        private readonly CancellationToken _cancellationToken;
        private readonly Timer _timer;
        private readonly CancellationTokenRegistration _stop;
        /// <summary>When the read under way began (a Stopwatch timestamp); 0 between reads.</summary>
        private long _readingSince;
        private int _closed;

        public WatchedStream(Stream inner, TimeSpan limit, CancellationToken cancellationToken)
        {
            _inner = inner;
            _limit = limit;
            _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
            _cancellationToken = cancellationToken;
            // One timer for the whole body, looking every quarter of the limit: re-arming one per read costs more than
            // the read on a fast link.
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, limit.Ticks / 4));
            _timer = new Timer(_ => Check(), null, period, period);
            _stop = cancellationToken.Register(() => Close(Stopped));
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Volatile.Write(ref _readingSince, Stopwatch.GetTimestamp());
            int read;
            try
            {
                read = _inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (Volatile.Read(ref _closed) != Open)
            {
                throw Why(e);
            }
            finally
            {
                Volatile.Write(ref _readingSince, 0);
            }
            // A closed body may end quietly instead of failing: that is not the end of the file.
            if (read == 0 && Volatile.Read(ref _closed) != Open) throw Why(null);
            return read;
        }

        private void Check()
        {
            var since = Volatile.Read(ref _readingSince);
            if (since != 0 && Stopwatch.GetTimestamp() - since >= _limitTicks) Close(Stalled);
        }

        private void Close(int reason)
        {
            if (Interlocked.CompareExchange(ref _closed, reason, Open) != Open) return;
            try { _inner.Dispose(); }
            catch (Exception) { } // the read it interrupts reports why
        }

        private Exception Why(Exception? failure) => Volatile.Read(ref _closed) == Stopped
            ? new OperationCanceledException(_cancellationToken)
            : (Exception)new TimeoutException($"The download stalled: no data for {_limit.TotalSeconds:0.#} s.", failure);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _timer.Dispose();
                _stop.Dispose();
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
