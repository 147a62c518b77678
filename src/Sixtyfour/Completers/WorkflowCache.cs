using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Completers
{
    /// <summary>
    /// The workflows Tab completes from. Filled by every Get-SfWorkflow list and refreshed in the background when
    /// stale, so pressing Tab never waits on the network for more than a moment.
    /// </summary>
    internal static class WorkflowCache
    {
        private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
        private static readonly object Gate = new object();
        private static IReadOnlyList<SfWorkflow> _items = Array.Empty<SfWorkflow>();
        private static string? _owner;
        private static DateTime _fetchedUtc = DateTime.MinValue;
        private static Task? _refresh;

        public static void Update(SixtyfourConnection connection, IReadOnlyList<SfWorkflow> items)
        {
            lock (Gate)
            {
                _items = items;
                _owner = connection.CacheKey;
                _fetchedUtc = DateTime.UtcNow;
            }
        }

        /// <summary>The cached workflows of the current connection; waits at most <paramref name="patience"/> when there are none yet.</summary>
        public static IReadOnlyList<SfWorkflow> Get(TimeSpan patience)
        {
            var connection = SixtyfourSession.Resolve();
            if (connection is null) return Array.Empty<SfWorkflow>();
            Task? refresh;
            lock (Gate)
            {
                if (_owner != connection.CacheKey) _items = Array.Empty<SfWorkflow>();
                var stale = _owner != connection.CacheKey || DateTime.UtcNow - _fetchedUtc > Fresh;
                if (stale && (_refresh is null || _refresh.IsCompleted)) _refresh = RefreshAsync(connection);
                refresh = _items.Count == 0 ? _refresh : null;
            }
            refresh?.Wait(patience);
            lock (Gate) return _owner == connection.CacheKey ? _items : Array.Empty<SfWorkflow>();
        }

        private static async Task RefreshAsync(SixtyfourConnection connection)
        {
            // A completion list is a convenience: one quick try, no retries.
            var options = new SixtyfourClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), Retry = new RetryPolicy { MaxAttempts = 1 } };
            try
            {
                var items = WorkflowModels.Workflows(await new SixtyfourApi(new SixtyfourClient(connection, options)).ListWorkflowsAsync(CancellationToken.None).ConfigureAwait(false));
                Update(connection, items);
            }
            catch (Exception)
            {
                // Nothing to complete from; the next Tab tries again.
            }
        }
    }
}
