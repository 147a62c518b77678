using System.Buffers;
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

    // One record's line is built here and goes to the file buffer whole: flushing a writer made on the file itself
    // flushes the file too, a write call per record, which was a fifth of the time a large run request took.
    private readonly ArrayBufferWriter<byte> line = new(4096);
    private readonly Utf8JsonWriter json;
    private long count;

    public RunPayloadWriter(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        Path = System.IO.Path.Combine(runDirectory, RunPayload.FileName);
        stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 65536);
        json = new Utf8JsonWriter(line, WireJson.WriterOptions);
    }

    public string Path { get; }

    /// <summary>Records written so far.</summary>
    public long Count => count;

    /// <summary>Appends one record (its bytes go to the file buffer at once, not held as a tree).</summary>
    public void Write(JsonObject record)
    {
        record.WriteTo(json, WireJson.Options);
        EndRecord();
    }

    /// <summary>Appends one record as parsed, without building a tree of it.</summary>
    public void Write(JsonElement record)
    {
        record.WriteTo(json);
        EndRecord();
    }

    /// <summary>Appends one record as it came: a JSON object that is already checked and holds no line break.</summary>
    public void WriteLine(ReadOnlySpan<byte> record)
    {
        stream.Write(record);
        stream.WriteByte((byte)'\n');
        count++;
    }

    private void EndRecord()
    {
        json.Flush();
        json.Reset();
        line.GetSpan(1)[0] = (byte)'\n';
        line.Advance(1);
        stream.Write(line.WrittenSpan);
        line.ResetWrittenCount();
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
