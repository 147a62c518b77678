using System;

namespace Sixtyfour.Models
{
    /// <summary>The run states clients act on; the API's spellings vary, so every comparison goes through here.</summary>
    public static class RunStatus
    {
        public const string Queued = "queued";
        public const string Running = "running";
        public const string Completed = "completed";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";

        public static bool IsCompleted(string? status) => Is(status, Completed);
        public static bool IsFailed(string? status) => Is(status, Failed);
        /// <summary>The cancel endpoint says "canceled", the run list "cancelled": both mean the same.</summary>
        public static bool IsCancelled(string? status) => Is(status, Cancelled) || Is(status, "canceled");
        public static bool IsTerminal(string? status) => IsCompleted(status) || IsFailed(status) || IsCancelled(status);

        private static bool Is(string? status, string value) => string.Equals(status, value, StringComparison.OrdinalIgnoreCase);
    }
}
