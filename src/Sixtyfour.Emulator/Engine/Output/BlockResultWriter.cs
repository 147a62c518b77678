using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>One result file of a block.</summary>
public sealed record ResultFile(ResultFormat Format, string FileName, string Path, long Size);

/// <summary>A completed block's result files. NDJSON is always written: it is also the typed copy the emulator reads back.</summary>
public sealed record BlockOutput(long RowCount, DateTimeOffset CreatedAt, IReadOnlyList<ResultFile> Files)
{
    public ResultFile? For(ResultFormat format) => Files.FirstOrDefault(file => file.Format == format);

    /// <summary>The NDJSON copy, read for inline results and by blocks with several parents.</summary>
    public string RowsPath => For(ResultFormat.Ndjson)!.Path;
}

/// <summary>
/// Collects a block's output as it streams: rows go to an NDJSON spool while the column list (the
/// union of keys, first-seen order) is tracked. At the end the spool is turned into the result files
/// in one pass, so the CSV header can be complete without holding rows in memory.
/// </summary>
public sealed class BlockResultWriter : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly string directory;
    private readonly string baseName;
    private readonly string spoolPath;
    private readonly FileStream spool;
    private readonly Utf8JsonWriter spoolJson;
    private readonly List<string> columns = [];
    private readonly HashSet<string> knownColumns = new(StringComparer.Ordinal);
    private long rowCount;

    public BlockResultWriter(string directory, string baseName)
    {
        this.directory = directory;
        this.baseName = baseName;
        spoolPath = Path.Combine(directory, baseName + ".spool.ndjson");
        spool = new FileStream(spoolPath, FileMode.Create, FileAccess.Write, FileShare.Read, 65536, useAsync: true);
        spoolJson = new Utf8JsonWriter(spool, WireJson.WriterOptions);
    }

    /// <summary>Records one row. The row is serialized before this returns, so the caller may hand it on.</summary>
    public async ValueTask WriteAsync(JsonObject row, CancellationToken cancellationToken)
    {
        foreach (var (column, _) in row)
        {
            if (knownColumns.Add(column))
            {
                columns.Add(column);
            }
        }

        row.WriteTo(spoolJson, WireJson.Options);
        await spoolJson.FlushAsync(cancellationToken);
        await spool.WriteAsync(NewLine, cancellationToken);
        spoolJson.Reset();
        rowCount++;
    }

    /// <summary>Writes the result files: CSV and NDJSON always, plus any other of <paramref name="formats"/>.</summary>
    public async Task<BlockOutput> CompleteAsync(IEnumerable<ResultFormat> formats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Closed before it is read back: Windows would refuse to open a file another handle is writing.
        await spoolJson.DisposeAsync();
        await spool.DisposeAsync();

        var targets = formats.Append(ResultFormat.Csv).Append(ResultFormat.Ndjson).Distinct()
            .Select(format => (Format: format, FileName: baseName + format.Extension))
            .ToList();
        var writers = targets
            .Select(target => RowFileWriter.Create(
                target.Format,
                new FileStream(Path.Combine(directory, target.FileName), FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true),
                columns))
            .ToList();
        try
        {
            await foreach (var row in RowFileReader.ReadAsync(spoolPath, cancellationToken))
            {
                foreach (var writer in writers)
                {
                    await writer.WriteRowAsync(row, cancellationToken);
                }
            }

            foreach (var writer in writers)
            {
                await writer.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }

        var files = targets
            .Select(target =>
            {
                var path = Path.Combine(directory, target.FileName);
                return new ResultFile(target.Format, target.FileName, path, new FileInfo(path).Length);
            })
            .ToList();
        return new BlockOutput(rowCount, now, files);
    }

    public async ValueTask DisposeAsync()
    {
        await spoolJson.DisposeAsync();
        await spool.DisposeAsync();
        File.Delete(spoolPath);
    }
}
