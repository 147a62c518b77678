using System.Text.Json;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// JSON state files in a kept data directory (<c>--data-dir</c>); with a temporary one nothing is
/// written, since it is deleted at exit anyway. Writes go to a temporary file that then replaces the
/// old one, so a crash mid-write leaves the previous state intact.
/// </summary>
public sealed class StateFiles(DataDirectory dataDirectory)
{
    private readonly Lock gate = new();

    public bool Enabled => !dataDirectory.IsTemporary;

    /// <summary><c>state/{name}.json</c> under the data directory.</summary>
    public string PathOf(string name) => Path.Combine(dataDirectory.Root, "state", name + ".json");

    public T? Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, WireJson.Options);
    }

    public void Write<T>(string path, T value)
    {
        if (!Enabled)
        {
            return;
        }

        // One writer at a time: saves come from request threads and runs alike, and share the temp-file step.
        lock (gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            using (var stream = File.Create(temporary))
            {
                JsonSerializer.Serialize(stream, value, WireJson.Options);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    public void Delete(string path)
    {
        if (Enabled)
        {
            File.Delete(path);
        }
    }
}
