using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Hosting;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>A run's result links for one request (download-links, job-status), in the shape its variations ask for.</summary>
public static class ResultLinks
{
    private const string SigningFailedMessage = "signing failed";

    private const string InputMessage = "Input rows of the run";

    /// <summary>
    /// Signed links: key-less under <c>/_storage</c> on the address the emulator listens on (as storage is a host
    /// of its own, and so that a request's Host header never chooses where links point), or on the API's own
    /// origin as the caller used it, on the path that needs the key (download_on_api_host). Under
    /// links_with_nulls the list also holds an entry without <c>block_number</c> (first) and one whose signing
    /// failed (last, below the final block's number).
    /// </summary>
    public static async Task<List<WorkflowResultItemWithDownload>> ForRequestAsync(
        HttpContext context, WorkflowRun run, ResultFormat format, DownloadUrlSigner signer, ActiveVariations variations, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var hasOutput = run.Blocks.Any(state => state.Output is not null);
        var onApiHost = hasOutput && variations.Applies(context, Variation.DownloadOnApiHost);
        var baseUrl = onApiHost
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : context.RequestServices.GetRequiredService<PublicAddress>().BaseUrl;
        Func<Guid, string, string> path = onApiHost ? StoragePaths.ApiRunFile : StoragePaths.RunFile;
        var items = await RunViews.ToDownloadItemsAsync(run, format, fileName => baseUrl + signer.Sign(path(run.Id, fileName)), signer.LifetimeSeconds, cancellationToken);
        if (items.Count == 0 || !variations.Applies(context, Variation.LinksWithNulls))
        {
            return items;
        }

        // The spec allows both nulls; the final output is still the good entry with the highest block_number.
        var final = items[^1];
        return
        [
            items[0] with { BlockNumber = null, Message = InputMessage },
            .. items,
            final with { BlockNumber = final.BlockNumber - 1, DownloadUrl = null, Message = SigningFailedMessage, Results = null },
        ];
    }
}
