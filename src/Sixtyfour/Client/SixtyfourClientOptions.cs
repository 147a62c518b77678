using System;

namespace Sixtyfour.Client
{
    /// <summary>Per-session knobs of the HTTP core.</summary>
    public sealed class SixtyfourClientOptions
    {
        /// <summary>How long one request may take to answer (headers, and the body of JSON answers). Downloads are not capped by it.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
    }
}
