using Microsoft.Net.Http.Headers;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Models;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Api;

/// <summary>Input uploads (<c>/storage/csv/upload</c>, API) and signed result downloads (<c>/_storage</c>, no API key).</summary>
public static class StorageEndpoints
{
    public static RouteGroupBuilder MapUploadEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/storage/csv/upload", UploadAsync);
        return api;
    }

    public static IEndpointRouteBuilder MapSignedDownloadEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(StoragePaths.RunFileRoute, (string runId, string fileName, HttpRequest request, DownloadUrlSigner signer, DataDirectory dataDirectory) =>
        {
            var check = signer.Verify(StoragePaths.RunFile(Guid.TryParse(runId, out var id) ? id : Guid.Empty, fileName), request.Query["expires"], request.Query["signature"]);
            if (check != SignatureCheck.Valid)
            {
                throw ApiException.Detail(StatusCodes.Status403Forbidden, check == SignatureCheck.Expired
                    ? "This download link has expired; request new links from download-links."
                    : "Invalid download link signature.");
            }

            // The signature covers the path, so only file names the emulator issued get this far.
            var path = Path.Combine(dataDirectory.RunPath(id), Path.GetFileName(fileName));
            var format = ResultFormat.FromExtension(Path.GetExtension(path));
            if (format is null || !File.Exists(path))
            {
                throw ApiException.Detail(StatusCodes.Status404NotFound, "File not found");
            }

            return TypedResults.PhysicalFile(path, format.ContentType, Path.GetFileName(path), enableRangeProcessing: true);
        });
        return app;
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
