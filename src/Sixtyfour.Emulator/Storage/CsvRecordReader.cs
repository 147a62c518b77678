using System.Runtime.CompilerServices;
using System.Text;

namespace Sixtyfour.Emulator.Storage;

/// <summary>One CSV record and the (1-based) line of the file it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Splits CSV text into records the way pandas' parser (the service's) and Import-Csv do, which is more
/// forgiving than RFC 4180: a quote inside an unquoted field is text (<c>37°36'37.8"N</c>), text after a
/// closing quote joins the field, blank lines are skipped, and CR, LF and CRLF all end a record. What it
/// cannot read, a quoted field still open at the end of the file, throws <see cref="InvalidDataException"/>
/// naming the line where that field starts.
/// </summary>
public static class CsvRecordReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[16384];
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, quoteLine = 0;
        bool inQuotes = false, closingQuote = false, fieldQuoted = false, recordStarted = false, afterCr = false;

        void EndField()
        {
            fields.Add(field.ToString());
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
                    else
                    {
                        closingQuote = c == '"';
                        if (!closingQuote)
                        {
                            field.Append(c);
                            line += c == '\n' ? 1 : 0;
                        }

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
                            yield return new CsvRecord(recordLine, [.. fields]);
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
                        field.Append(c);
                        recordStarted = true;
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
            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }
}
