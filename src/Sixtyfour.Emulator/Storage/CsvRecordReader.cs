using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// One CSV record and the (1-based) line of the file it starts on. <see cref="Fields"/> is the reader's own
/// list, refilled for the next record: a copy per record was a good part of reading a row.
/// </summary>
public readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Splits CSV text into records the way pandas' parser (the service's) and Import-Csv do, which is more
/// forgiving than RFC 4180: a quote inside an unquoted field is text (<c>37°36'37.8"N</c>), text after a
/// closing quote joins the field, blank lines are skipped, and CR, LF and CRLF all end a record. What it
/// cannot read, a quoted field still open at the end of the file, throws <see cref="InvalidDataException"/>
/// naming the line where that field starts.
/// </summary>
public static class CsvRecordReader
{
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(",\r\n\"");

    /// <summary>Where a run of plain text that starts at <paramref name="start"/> ends: <paramref name="found"/> is the offset of the next special character, or -1.</summary>
    private static int RunEnd(int start, int found, int read) => found < 0 ? read : start + found;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[256 * 1024];
        var fields = new List<string>();
        var field = new StringBuilder();

        // A field that is one run of plain text ending at a separator is taken from the buffer as it is, not copied through the builder.
        string? whole = null;
        int line = 1, recordLine = 1, quoteLine = 0;
        bool inQuotes = false, closingQuote = false, fieldQuoted = false, recordStarted = false, afterCr = false;

        void EndField()
        {
            fields.Add(whole ?? field.ToString());
            whole = null;
            field.Clear();
            fieldQuoted = false;
        }

        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (inQuotes)
                {
                    // A quote inside quotes either escapes the next quote or closes the field; only the next character tells.
                    if (closingQuote)
                    {
                        closingQuote = false;
                        if (c == '"')
                        {
                            field.Append('"');
                            continue;
                        }

                        inQuotes = false;
                    }
                    else if (c == '"')
                    {
                        closingQuote = true;
                        continue;
                    }
                    else
                    {
                        // Everything up to the next quote is the field's text, line breaks included.
                        var end = RunEnd(i, buffer.AsSpan(i, read - i).IndexOf('"'), read);
                        field.Append(buffer, i, end - i);
                        line += buffer.AsSpan(i, end - i).Count('\n');
                        i = end - 1;
                        continue;
                    }
                }

                if (c == '\n' && afterCr)
                {
                    afterCr = false;
                    continue;
                }

                afterCr = c == '\r';
                switch (c)
                {
                    case ',':
                        EndField();
                        recordStarted = true;
                        break;
                    case '\r' or '\n':
                        line++;
                        if (recordStarted)
                        {
                            EndField();
                            yield return new CsvRecord(recordLine, fields);
                            fields.Clear();
                            recordStarted = false;
                        }

                        recordLine = line;
                        break;
                    case '"' when field.Length == 0 && !fieldQuoted:
                        inQuotes = fieldQuoted = recordStarted = true;
                        quoteLine = line;
                        break;
                    default:
                        // This character and the plain text after it, in one piece.
                        var end = RunEnd(i + 1, buffer.AsSpan(i + 1, read - i - 1).IndexOfAny(Delimiters), read);
                        if (field.Length == 0 && !fieldQuoted && end < read && buffer[end] != '"')
                        {
                            whole = new string(buffer, i, end - i);
                        }
                        else
                        {
                            field.Append(buffer, i, end - i);
                        }

                        recordStarted = true;
                        i = end - 1;
                        break;
                }
            }
        }

        if (inQuotes && !closingQuote)
        {
            throw new InvalidDataException($"CSV line {quoteLine}: a quoted field starts there and is never closed.");
        }

        if (recordStarted)
        {
            EndField();
            yield return new CsvRecord(recordLine, fields);
        }
    }
}
