using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Validation
{
    /// <summary>
    /// The block catalog (GET /workflows/blocks) validation checks against, per connection: fetched once, so
    /// validating a folder of definitions costs one request. Get-SfWorkflowBlock refreshes it.
    /// </summary>
    internal static class BlockCatalogCache
    {
        // The catalog changes only when the service adds blocks; a session that outlives that fetches it again.
        private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(10);
        private static readonly object Gate = new object();
        private static IReadOnlyList<SfBlockType>? _blocks;
        private static string? _owner;
        private static DateTime _fetchedUtc = DateTime.MinValue;

        public static async Task<IReadOnlyList<SfBlockType>> GetAsync(SixtyfourApi api, CancellationToken cancellationToken)
        {
            var connection = api.Client.Connection;
            lock (Gate)
                if (_blocks != null && _owner == connection.CacheKey && DateTime.UtcNow - _fetchedUtc < Fresh) return _blocks;
            var blocks = WorkflowModels.BlockTypes(await api.ListBlockTypesAsync(cancellationToken).ConfigureAwait(false));
            Update(connection, blocks);
            return blocks;
        }

        /// <summary>What is cached, for Tab completion, which must never wait on the network; empty before the first fetch.</summary>
        public static IReadOnlyList<SfBlockType> Cached()
        {
            lock (Gate) return _blocks ?? (IReadOnlyList<SfBlockType>)Array.Empty<SfBlockType>();
        }

        public static void Update(SixtyfourConnection connection, IReadOnlyList<SfBlockType> blocks)
        {
            lock (Gate)
            {
                _blocks = blocks;
                _owner = connection.CacheKey;
                _fetchedUtc = DateTime.UtcNow;
            }
        }
    }
}
