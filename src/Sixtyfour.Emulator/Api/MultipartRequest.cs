using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Api;

/// <summary>Streaming multipart/form-data reading shared by the upload and bulk endpoints: nothing is buffered whole.</summary>
public static class MultipartRequest
{
    /// <summary>A reader over the request's parts; 400 with <paramref name="howToSend"/> when it is not multipart/form-data.</summary>
    public static MultipartReader Open(HttpRequest request, string howToSend)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
        return string.IsNullOrEmpty(boundary)
            ? throw ApiException.Detail(StatusCodes.Status400BadRequest, howToSend)
            : new MultipartReader(boundary, request.Body);
    }

    public static ContentDispositionHeaderValue? Disposition(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? disposition : null;

    /// <summary>
    /// Streams a file part to the upload store; 400 when its extension is not one the row reader
    /// understands (checked by file name, before anything is written); 422 when it is over one of the
    /// <see cref="DataLimits"/> (checked once written, before it gets a handle).
    /// </summary>
    public static async Task<Guid> SaveFileAsync(MultipartSection section, ContentDispositionHeaderValue disposition, UploadStore uploads, CancellationToken cancellationToken)
    {
        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!RowFileReader.SupportedExtensions.Contains(extension))
        {
            throw ApiException.Detail(StatusCodes.Status400BadRequest,
                $"Unsupported file type '{(extension.Length > 0 ? extension : fileName)}'. Allowed types: {string.Join(", ", RowFileReader.SupportedExtensions)}.");
        }

        try
        {
            return await uploads.SaveAsync(extension, section.Body, (path, token) => DataLimits.CheckUploadAsync(path, extension, token), cancellationToken);
        }
        catch (DataLimitException exception)
        {
            throw ApiException.Invalid("value_error", exception.Message, null, null, "body", "file");
        }
    }
}
