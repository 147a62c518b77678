namespace Sixtyfour.Emulator.Storage;

/// <summary>The directory holding uploads and run files; a temporary one is deleted on dispose.</summary>
public sealed class DataDirectory : IDisposable
{
    private readonly bool isTemporary;

    public DataDirectory(string? path)
    {
        isTemporary = path is null;
        Root = Path.GetFullPath(path ?? Path.Combine(Path.GetTempPath(), "sixtyfour-emulator-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(UploadsPath);
        Directory.CreateDirectory(Path.Combine(Root, "runs"));
    }

    public string Root { get; }

    /// <summary>True for the default temporary directory, deleted at exit; nothing needs saving there.</summary>
    public bool IsTemporary => isTemporary;

    public string UploadsPath => Path.Combine(Root, "uploads");

    public string RunPath(Guid runId) => Path.Combine(Root, "runs", runId.ToString("D"));

    public void Dispose()
    {
        if (isTemporary && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
