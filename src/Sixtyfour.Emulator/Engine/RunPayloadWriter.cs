using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// Stores a run's <c>webhook_payload</c> in its directory as NDJSON, one record at a time, so the
/// webhook block streams it like any other input file and the request's rows are never all in memory.
/// </summary>
public sealed class RunPayloadWriter : IDisposable
{
    private readonly FileStream stream;
    private readonly Utf8JsonWriter json;
    private long count;

    public RunPayloadWriter(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        Path = System.IO.Path.Combine(runDirectory, RunPayload.FileName);
        stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 65536);
        json = new Utf8JsonWriter(stream, WireJson.WriterOptions);
    }

    public string Path { get; }

    /// <summary>Records written so far.</summary>
    public long Count => count;

    /// <summary>Appends one record (its bytes go to the file buffer at once, not held as a tree).</summary>
    public void Write(JsonObject record)
    {
        record.WriteTo(json, WireJson.Options);
        json.Flush();
        stream.WriteByte((byte)'\n');
        json.Reset();
        count++;
    }

    /// <summary>Flushes and closes the file; the payload as the launcher takes it.</summary>
    public RunPayload Complete()
    {
        Dispose();
        return new RunPayload(Path, count);
    }

    public void Dispose()
    {
        json.Dispose();
        stream.Dispose();
    }
}
