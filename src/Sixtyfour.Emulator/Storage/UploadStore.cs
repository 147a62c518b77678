namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// Uploaded input files, stored as <c>uploads/{handle}{extension}</c>; the file system is the index,
/// so an emulator restarted on the same <c>--data-dir</c> still knows earlier handles.
/// </summary>
public sealed class UploadStore(DataDirectory dataDirectory)
{
    /// <summary>Streams <paramref name="content"/> to disk and returns the new handle.</summary>
    public async Task<Guid> SaveAsync(string extension, Stream content, CancellationToken cancellationToken)
    {
        var handle = Guid.NewGuid();
        var path = Path.Combine(dataDirectory.UploadsPath, handle.ToString("D") + extension.ToLowerInvariant());
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await content.CopyToAsync(file, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return handle;
    }

    /// <summary>The stored file for <paramref name="handleId"/>, or null when there is none.</summary>
    public string? Find(string? handleId) =>
        Guid.TryParse(handleId, out var handle)
            ? Directory.EnumerateFiles(dataDirectory.UploadsPath, handle.ToString("D") + ".*").FirstOrDefault()
            : null;

    public void Delete(Guid handle)
    {
        if (Find(handle.ToString("D")) is { } path)
        {
            File.Delete(path);
        }
    }
}
