using System;
using System.Linq;

namespace Sixtyfour.Models
{
    /// <summary>
    /// The run states clients act on. The sources spell them several ways (the overview's "timeout", the cancel
    /// answer's "canceled", job-status's Temporal states), so every comparison goes through here.
    /// </summary>
    internal static class RunStatus
    {
        public const string Queued = "queued";
        public const string Running = "running";
        public const string Completed = "completed";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";

        private static readonly string[] CancelledSpellings = { Cancelled, "canceled" };
        private static readonly string[] TimedOutSpellings = { "timeout", "timed_out" };
        private const string Terminated = "terminated";
        /// <summary>States that mean "not ended yet": the live_status and job-status ones, Temporal's continued_as_new included.</summary>
        private static readonly string[] Unfinished = { Queued, Running, "pending", "continued_as_new" };

        public static bool IsCompleted(string? status) => Is(status, Completed);
        public static bool IsFailed(string? status) => Is(status, Failed);
        public static bool IsCancelled(string? status) => CancelledSpellings.Any(s => Is(status, s));
        /// <summary>The service stopped the run for taking too long ("timeout" in the overview, "timed_out" in job-status).</summary>
        public static bool IsTimedOut(string? status) => TimedOutSpellings.Any(s => Is(status, s));
        public static bool IsTerminated(string? status) => Is(status, Terminated);

        /// <summary>Every state in which a run has ended, successfully or not.</summary>
        public static bool IsTerminal(string? status) =>
            IsCompleted(status) || IsFailed(status) || IsCancelled(status) || IsTimedOut(status) || IsTerminated(status);

        /// <summary>False for a missing status or one no source names: a wait keeps going but says so.</summary>
        public static bool IsKnown(string? status) => IsTerminal(status) || Unfinished.Any(s => Is(status, s));

        private static bool Is(string? status, string value) => string.Equals(status, value, StringComparison.OrdinalIgnoreCase);
    }
}
