namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// Uploaded input files, stored as <c>uploads/{handle}{extension}</c>; the file system is the index,
/// so an emulator restarted on the same <c>--data-dir</c> still knows earlier handles. An upload is
/// written as <c>partial-{handle}{extension}</c> and renamed when complete, so a handle never names a
/// half-written file, even after a kill.
/// </summary>
public sealed class UploadStore(DataDirectory dataDirectory)
{
    private const string PartialPrefix = "partial-";

    /// <summary>
    /// Streams <paramref name="content"/> to disk and returns the new handle; <paramref name="check"/>
    /// sees the file complete, before it is given a handle, and throws to refuse it.
    /// </summary>
    public async Task<Guid> SaveAsync(string extension, Stream content, Func<string, CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        var handle = Guid.NewGuid();
        var name = handle.ToString("D") + extension.ToLowerInvariant();
        var partial = Path.Combine(dataDirectory.UploadsPath, PartialPrefix + name);
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            await check(partial, cancellationToken);
            File.Move(partial, Path.Combine(dataDirectory.UploadsPath, name));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return handle;
    }

    /// <summary>Removes uploads a kill cut off.</summary>
    public void RemovePartialUploads()
    {
        foreach (var path in Directory.EnumerateFiles(dataDirectory.UploadsPath, PartialPrefix + "*"))
        {
            File.Delete(path);
        }
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
