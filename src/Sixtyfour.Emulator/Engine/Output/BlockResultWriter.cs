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
/// Collects a block's output as it streams: rows go to an NDJSON spool, keys in column order (the
/// union of keys, first-seen order, tracked as rows pass), and to the CSV file at once. Columns only
/// ever get appended, so each spool line is already what the NDJSON file holds: when the block ends
/// the spool is renamed. If no column appeared after the first row the streamed CSV is complete too;
/// otherwise — and for JSON, which is only written when asked — one pass over the NDJSON file writes
/// them, so a late column still gets a full CSV header without holding rows in memory.
/// </summary>
public sealed class BlockResultWriter : IAsyncDisposable
{
    private readonly string directory;
    private readonly string baseName;
    private readonly string spoolPath;
    private readonly List<string> columns = [];
    private readonly Dictionary<string, int> columnIndex = new(StringComparer.Ordinal);
    private readonly RowFileWriter spool;
    private readonly RowFileWriter streamedCsv;

    /// <summary>Each row is read once for all the files it goes to.</summary>
    private readonly RowCells cells = new();
    private long rowCount;
    private bool columnsGrewAfterFirstRow;
    private bool completed;

    public BlockResultWriter(string directory, string baseName)
    {
        this.directory = directory;
        this.baseName = baseName;
        spoolPath = Path.Combine(directory, baseName + ".spool.ndjson");

        // Both share the live column list: the CSV header is written with the first row, when the list holds that row's keys.
        spool = RowFileWriter.Create(ResultFormat.Ndjson, OpenFile(spoolPath), columns);
        streamedCsv = RowFileWriter.Create(ResultFormat.Csv, OpenFile(FilePath(ResultFormat.Csv)), columns);
    }

    /// <summary>
    /// Records one row. The row is serialized before this returns, so the caller may hand it on; it
    /// completes synchronously except when a buffer goes to disk.
    /// </summary>
    public async ValueTask WriteAsync(JsonObject row, CancellationToken cancellationToken)
    {
        var columnCount = columns.Count;

        // Rows are most often keyed exactly by the columns seen so far: then there is nothing to look up. A row
        // that brings new columns is read again against the longer list.
        if (!cells.Load(row, columns))
        {
            AddColumns(row);
            if (columns.Count > columnCount)
            {
                _ = cells.Load(row, columns);
            }
        }

        columnsGrewAfterFirstRow |= rowCount > 0 && columns.Count > columnCount;
        await spool.WriteRowAsync(cells, cancellationToken);
        if (!columnsGrewAfterFirstRow)
        {
            await streamedCsv.WriteRowAsync(cells, cancellationToken);
        }

        rowCount++;
    }

    private void AddColumns(JsonObject row)
    {
        foreach (var (column, _) in row)
        {
            if (!columnIndex.ContainsKey(column))
            {
                if (columns.Count == DataLimits.MaxColumns)
                {
                    throw new DataLimitException($"The rows have more than {DataLimits.MaxColumns} columns; at most {DataLimits.MaxColumns} are allowed.");
                }

                columnIndex.Add(column, columns.Count);
                columns.Add(column);
            }
        }
    }

    /// <summary>Writes the result files: CSV and NDJSON always, plus any other of <paramref name="formats"/>.</summary>
    public async Task<BlockOutput> CompleteAsync(IEnumerable<ResultFormat> formats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Closed before it is read back or renamed: Windows would refuse to open a file another handle is writing.
        await spool.CompleteAsync(cancellationToken);
        await spool.DisposeAsync();
        await streamedCsv.CompleteAsync(cancellationToken);
        await streamedCsv.DisposeAsync();

        var targets = formats.Append(ResultFormat.Csv).Append(ResultFormat.Ndjson).Distinct().ToList();
        File.Move(spoolPath, FilePath(ResultFormat.Ndjson), overwrite: true);
        var rewrite = targets
            .Where(format => format == ResultFormat.Json || (format == ResultFormat.Csv && columnsGrewAfterFirstRow))
            .ToList();
        if (rewrite.Count > 0)
        {
            await RewriteAsync(FilePath(ResultFormat.Ndjson), rewrite, cancellationToken);
        }

        completed = true;
        var files = targets
            .Select(format => new ResultFile(format, baseName + format.Extension, FilePath(format), new FileInfo(FilePath(format)).Length))
            .ToList();
        return new BlockOutput(rowCount, now, files);
    }

    public async ValueTask DisposeAsync()
    {
        await spool.DisposeAsync();
        await streamedCsv.DisposeAsync();
        File.Delete(spoolPath);
        if (!completed)
        {
            // A block that failed or was cancelled leaves no partial result behind.
            File.Delete(FilePath(ResultFormat.Csv));
        }
    }

    /// <summary>One pass over the rows in <paramref name="source"/> writing each of <paramref name="formats"/> with the full column list.</summary>
    private async Task RewriteAsync(string source, IReadOnlyList<ResultFormat> formats, CancellationToken cancellationToken)
    {
        var writers = formats.Select(format => RowFileWriter.Create(format, OpenFile(FilePath(format)), columns)).ToList();
        try
        {
            await foreach (var row in RowFileReader.ReadAsync(source, cancellationToken))
            {
                _ = cells.Load(row, columns);
                foreach (var writer in writers)
                {
                    await writer.WriteRowAsync(cells, cancellationToken);
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
    }

    private string FilePath(ResultFormat format) => Path.Combine(directory, baseName + format.Extension);

    /// <summary>Unbuffered: the row writers hand over large blocks already.</summary>
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
}
