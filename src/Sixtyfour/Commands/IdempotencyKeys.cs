using System;

namespace Sixtyfour.Commands
{
    /// <summary>The Idempotency-Key of each start one command makes (several batches, files or workflows).</summary>
    internal static class IdempotencyKeys
    {
        /// <summary>
        /// A new key per start when none was given; with one, the first start uses it and later ones key-2, key-3, …,
        /// so each stays its own run or job, and each is safe to repeat with the same command.
        /// </summary>
        public static string ForStart(string? given, int start) =>
            given is null ? Guid.NewGuid().ToString() : start == 1 ? given : $"{given}-{start}";
    }
}
