using Microsoft.Net.Http.Headers;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>
/// Input uploads (<c>/storage/csv/upload</c>, API) and signed result downloads (<c>/_storage</c>, no API
/// key; or <c>/storage/runs</c>, with the key, under the download_on_api_host variation).
/// </summary>
public static class StorageEndpoints
{
    public static RouteGroupBuilder MapUploadEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/storage/csv/upload", UploadAsync);
        return api;
    }

    public static IEndpointRouteBuilder MapSignedDownloadEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(StoragePaths.RunFileRoute, (string runId, string fileName, HttpContext context, DownloadUrlSigner signer, DataDirectory dataDirectory, ActiveVariations variations) =>
            Download(StoragePaths.RunFile, runId, fileName, context, signer, dataDirectory, variations));
        return app;
    }

    /// <summary>The same signed downloads on the API's own path, behind the API key (download_on_api_host).</summary>
    public static RouteGroupBuilder MapKeyedDownloadEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet(StoragePaths.ApiRunFileRoute, (string runId, string fileName, HttpContext context, DownloadUrlSigner signer, DataDirectory dataDirectory, ActiveVariations variations) =>
            Download(StoragePaths.ApiRunFile, runId, fileName, context, signer, dataDirectory, variations));
        return api;
    }

    /// <summary>
    /// Serves a result file when the link's signature (over <paramref name="pathOf"/>, so a link works
    /// only on the route it was made for) is valid. Expired: 403, or 400 under expired_link_400.
    /// </summary>
    private static IResult Download(
        Func<Guid, string, string> pathOf, string runId, string fileName, HttpContext context, DownloadUrlSigner signer, DataDirectory dataDirectory, ActiveVariations variations)
    {
        var request = context.Request;
        var check = signer.Verify(pathOf(Guid.TryParse(runId, out var id) ? id : Guid.Empty, fileName), request.Query["expires"], request.Query["signature"]);
        if (check == SignatureCheck.Expired)
        {
            var status = variations.Applies(context, Variation.ExpiredLink400) ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
            throw ApiException.Detail(status, "This download link has expired; request new links from download-links.");
        }

        if (check != SignatureCheck.Valid)
        {
            throw ApiException.Detail(StatusCodes.Status403Forbidden, "Invalid download link signature.");
        }

        // The signature covers the path, so only file names the emulator issued get this far.
        var path = Path.Combine(dataDirectory.RunPath(id), Path.GetFileName(fileName));
        var format = ResultFormat.FromExtension(Path.GetExtension(path));
        if (format is null || !File.Exists(path))
        {
            throw ApiException.Detail(StatusCodes.Status404NotFound, "File not found");
        }

        return TypedResults.PhysicalFile(path, format.ContentType, Path.GetFileName(path), enableRangeProcessing: true);
    }

    /// <summary>
    /// Streams exactly one multipart file part to disk (any part name; curl's <c>-F file=@x</c> uses
    /// <c>file</c>) without buffering it; other form fields are ignored.
    /// </summary>
    private static async Task<UploadResponse> UploadAsync(HttpRequest request, UploadStore uploads, CancellationToken cancellationToken)
    {
        var reader = MultipartRequest.Open(request, "Send the file as multipart/form-data with one file part.");
        Guid? handle = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (MultipartRequest.Disposition(section) is not { } disposition || !disposition.IsFileDisposition())
            {
                continue;
            }

            if (handle is { } first)
            {
                uploads.Delete(first);
                throw ApiException.Detail(StatusCodes.Status400BadRequest, "Send exactly one file part; this request has more than one.");
            }

            handle = await MultipartRequest.SaveFileAsync(section, disposition, uploads, cancellationToken);
        }

        return handle is { } saved
            ? new UploadResponse(saved.ToString("D"))
            : throw ApiException.Detail(StatusCodes.Status400BadRequest, "The request has no file part; send the file as multipart/form-data with one file part.");
    }
}
