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

    /// <summary>Checks a stored upload: a CSV's header width, and the length of each line (of each record in a CSV, whose quoted cells may hold line breaks).</summary>
    public static async Task CheckUploadAsync(string path, string extension, CancellationToken cancellationToken)
    {
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
}

/// <summary>Data over one of the <see cref="DataLimits"/>; the message says which.</summary>
public sealed class DataLimitException(string message) : Exception(message);
