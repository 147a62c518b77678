using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// JSON state files in a kept data directory (<c>--data-dir</c>); with a temporary one nothing is
/// written, since it is deleted at exit anyway. Writes go to a temporary file, flushed to disk, that
/// then replaces the old one, so a crash mid-write leaves the previous state intact. A file that cannot
/// be read back is set aside (<c>NAME.damaged-TIMESTAMP</c>) with a warning, and start-up goes on.
/// Collections are kept one file per entry (<see cref="EntryPath"/>), so a save costs the same however
/// much is stored.
/// </summary>
public sealed class StateFiles(DataDirectory dataDirectory, TimeProvider timeProvider, ILogger<StateFiles> logger)
{
    public const string TemporaryExtension = ".tmp";

    /// <summary>Saved state is read strictly: a record missing a required field is damaged, not half there.</summary>
    private static readonly JsonSerializerOptions ReadOptions = new(WireJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>One writer per file: saves of one file must land in order, saves of different files need not wait.</summary>
    private readonly ConcurrentDictionary<string, Lock> gates = new(StringComparer.Ordinal);

    public bool Enabled => !dataDirectory.IsTemporary;

    /// <summary><c>state/{name}.json</c> under the data directory.</summary>
    public string PathOf(string name) => Path.Combine(dataDirectory.Root, "state", name + ".json");

    /// <summary><c>state/{collection}/{id}.json</c>: one entry of a collection.</summary>
    public string EntryPath(string collection, Guid id) => Path.Combine(CollectionPath(collection), id.ToString("D") + ".json");

    /// <summary>Whether the collection was ever saved (its directory exists, even empty).</summary>
    public bool HasCollection(string collection) => Directory.Exists(CollectionPath(collection));

    /// <summary>Every readable entry of <paramref name="collection"/>; damaged ones are set aside.</summary>
    public List<T> ReadCollection<T>(string collection)
        where T : class =>
        HasCollection(collection)
            ? [.. Directory.EnumerateFiles(CollectionPath(collection), "*.json").Order(StringComparer.Ordinal).Select(Read<T>).OfType<T>()]
            : [];

    /// <summary>The saved value, or null when there is none or it is damaged (then it is set aside).</summary>
    public T? Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, ReadOptions) ?? throw new JsonException("The file holds null.");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            SetAside(path, exception.Message);
            return null;
        }
    }

    /// <summary>Renames a file that cannot be used to <c>NAME.damaged-TIMESTAMP</c>, so it is kept for a look but no longer read.</summary>
    public void SetAside(string path, string reason)
    {
        var aside = $"{path}.damaged-{timeProvider.GetUtcNow().ToString("yyyyMMddTHHmmssfffZ", CultureInfo.InvariantCulture)}";
        File.Move(path, aside, overwrite: true);
        logger.LogWarning("The state file {Path} cannot be read ({Reason}); set aside as {Aside}", path, reason, aside);
    }

    public void Write<T>(string path, T value) => Write(path, () => value);

    /// <summary>Saves what <paramref name="current"/> gives, read under the file's lock so a slower save never overwrites a newer one; null deletes the file.</summary>
    public void Write<T>(string path, Func<T?> current)
    {
        if (!Enabled)
        {
            return;
        }

        lock (Gate(path))
        {
            if (current() is not { } value)
            {
                File.Delete(path);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + TemporaryExtension;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, value, WireJson.Options);

                // On disk before the rename, or a power cut could leave the new name on an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Removes temporary files of saves cut off by a kill, under <c>state/</c> and the run directories.</summary>
    public void RemoveTemporaryFiles()
    {
        foreach (var directory in new[] { Path.Combine(dataDirectory.Root, "state"), Path.Combine(dataDirectory.Root, "runs") }.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "*" + TemporaryExtension, SearchOption.AllDirectories))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Creates the collection's directory, so an empty collection still counts as saved.</summary>
    public void CreateCollection(string collection) => Directory.CreateDirectory(CollectionPath(collection));

    public void Delete(string path)
    {
        if (Enabled)
        {
            lock (Gate(path))
            {
                File.Delete(path);
            }
        }
    }

    private Lock Gate(string path) => gates.GetOrAdd(path, _ => new Lock());

    private string CollectionPath(string collection) => Path.Combine(dataDirectory.Root, "state", collection);
}
