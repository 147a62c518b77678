using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Sixtyfour.Client
{
    /// <summary>Decides whether a failed attempt is tried again, and after how long.</summary>
    public sealed class RetryPolicy
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

        /// <summary>Exponential backoff with full jitter, or the server's Retry-After when it gave one.</summary>
        public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan asked) return asked < TimeSpan.Zero ? TimeSpan.Zero : (asked > MaxDelay ? MaxDelay : asked);
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
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
