using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Sixtyfour.Client
{
    /// <summary>
    /// The one retry engine: decides whether a failed attempt is tried again and after how long, and runs the loop that
    /// every request and every transfer goes through, so -MaxRetryCount N means at most N+1 tries of anything and
    /// -MaxRetryTimeSec bounds them all.
    /// </summary>
    internal sealed class RetryPolicy
    {
        [ThreadStatic] private static Random? _random;

        /// <summary>Attempts in all, the first included.</summary>
        public int MaxAttempts { get; set; } = 5;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>No retry is started once this much time has gone by since the first attempt.</summary>
        public TimeSpan MaxElapsed { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// Idempotent requests are retried on every transient failure. Others only when the server cannot have acted
        /// on them — 429 and 503 refuse a request before it runs, and a refused connection never reached the server —
        /// because a second POST /workflows/run after an ambiguous failure could start a second run.
        /// </summary>
        public bool ShouldRetry(bool idempotent, HttpStatusCode? status, Exception? error)
        {
            if (status is HttpStatusCode code)
            {
                var n = (int)code;
                return idempotent
                    ? n == 408 || n == 429 || n == 500 || n == 502 || n == 503 || n == 504
                    : n == 429 || n == 503;
            }
            if (error is null) return false;
            return idempotent ? IsTransient(error) : IsConnectionRefused(error);
        }

        /// <summary>
        /// Runs <paramref name="attempt"/> (given its number, from 1) until it succeeds, <paramref name="retryable"/> says
        /// a failure is final, the tries are used up, or the next one would start after <see cref="MaxElapsed"/>. A
        /// <see cref="SixtyfourApiException"/>'s Retry-After sets the wait. Nothing inside may retry on its own.
        /// </summary>
        public async Task<T> RunAsync<T>(string what, Func<int, CancellationToken, Task<T>> attempt, Func<Exception, bool> retryable, Action<string>? log,
            CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            for (var n = 1; ; n++)
            {
                TimeSpan delay;
                try
                {
                    return await attempt(n, cancellationToken).ConfigureAwait(false);
                }
                // A failure met while the caller cancels still ends in the cancellation below, if a retry was due.
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    delay = DelayFor(n, (e as SixtyfourApiException)?.RetryAfter);
                    if (n >= MaxAttempts || clock.Elapsed + delay >= MaxElapsed || !retryable(e)) throw;
                    log?.Invoke($"Retrying {what} in {delay.TotalSeconds:0.0} s (try {n + 1} of at most {MaxAttempts}): {e.Message}");
                }
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Exponential backoff with full jitter, or the server's Retry-After when it gave one.</summary>
        public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan asked) return TimeSpan.FromTicks(Math.Min(Math.Max(asked.Ticks, 0), MaxDelay.Ticks));
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            // Stryker disable once all: a new generator on every call draws from the same distribution; one per thread saves the allocation.
            var random = _random ??= new Random(Guid.NewGuid().GetHashCode());
            return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        }

        private static bool IsTransient(Exception error) =>
            error is HttpRequestException || error is IOException || error is TimeoutException;

        private static bool IsConnectionRefused(Exception error)
        {
            for (var e = error; e != null; e = e.InnerException)
                if (e is SocketException s && s.SocketErrorCode == SocketError.ConnectionRefused) return true;
            return false;
        }
    }
}
