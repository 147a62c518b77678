using System;

namespace Sixtyfour.Client
{
    /// <summary>Per-session knobs of the HTTP core.</summary>
    internal sealed class SixtyfourClientOptions
    {
        /// <summary>The API documents 500 requests a minute per key; polling keeps a margin for the user's other calls.</summary>
        public const int DefaultPollsPerMinute = 450;

        /// <summary>How long one request may take to answer (headers, and the body of JSON answers). Downloads are not capped by it.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        /// <summary>Status polls of the whole process in any minute (every wait shares them).</summary>
        public int PollsPerMinute { get; set; } = DefaultPollsPerMinute;
    }
}
