namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// Limits on data, so a small input cannot cost a lot: a block's output has at most <see cref="MaxColumns"/>
/// columns (every CSV row is written to the full header, so a wide header times many short rows would
/// fill the disk), and an uploaded line (a CSV record) is at most <see cref="MaxLineBytes"/>, which also
/// bounds a cell. Uploads are checked when stored; the column limit also holds while a run writes.
/// </summary>
public static class DataLimits
{
    public const int MaxColumns = 1000;

    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>
    /// Checks a stored upload: a CSV's header width, and the length of each line (of each record in a CSV, whose
    /// quoted cells may hold line breaks; of each item of a .json array).
    /// </summary>
    public static async Task CheckUploadAsync(string path, string extension, CancellationToken cancellationToken)
    {
        if (extension == ".json")
        {
            await CheckJsonItemsAsync(path, cancellationToken);
            return;
        }

        var csv = extension == ".csv";
        if (!csv && extension is not (".ndjson" or ".jsonl"))
        {
            return;
        }

        var unit = csv ? "Record" : "Line";
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var buffer = new byte[81920];
        long line = 1;
        long lineBytes = 0;
        var columns = 1;
        var quoted = false;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var next = buffer[i];
                if (csv && next == '"')
                {
                    quoted = !quoted;
                }
                else if (next == '\n' && !quoted)
                {
                    line++;
                    lineBytes = 0;
                    continue;
                }
                else if (csv && line == 1 && next == ',' && !quoted && ++columns > MaxColumns)
                {
                    throw new DataLimitException($"The header has more than {MaxColumns} columns; at most {MaxColumns} are allowed.");
                }

                if (++lineBytes > MaxLineBytes)
                {
                    throw new DataLimitException($"{unit} {line} is longer than {MaxLineBytes} bytes (1 MB), the limit for one {unit.ToLowerInvariant()}.");
                }
            }
        }
    }

    /// <summary>
    /// A .json upload is one array of rows: each item is held to the limit of a line. A byte scan that knows strings
    /// and nesting, so an item is measured without being parsed (and a huge one is never held in memory).
    /// </summary>
    private static async Task CheckJsonItemsAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var buffer = new byte[81920];
        var depth = 0;
        var inString = false;
        var escaped = false;
        long item = 0;
        long itemBytes = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var next = buffer[i];
                if (depth >= 2 && ++itemBytes > MaxLineBytes)
                {
                    throw new DataLimitException($"Item {item} is longer than {MaxLineBytes} bytes (1 MB), the limit for one row.");
                }

                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (next == '\\') escaped = true;
                    else if (next == '"') inString = false;
                }
                else if (next == '"')
                {
                    inString = true;
                }
                else if (next is (byte)'{' or (byte)'[')
                {
                    if (++depth == 2)
                    {
                        item++;
                        itemBytes = 1;
                    }
                }
                else if (next is (byte)'}' or (byte)']')
                {
                    depth--;
                }
            }
        }
    }
}

/// <summary>Data over one of the <see cref="DataLimits"/>; the message says which.</summary>
public sealed class DataLimitException(string message) : Exception(message);
