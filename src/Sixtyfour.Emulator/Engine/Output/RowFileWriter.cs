using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>
/// Writes rows to one result file. Every row is written with the block's full column list, so CSV
/// gets a cell per column and JSON objects get their keys in column order. Rows are encoded into a
/// buffer that goes to the stream in large writes: a write per row was most of a block's cost.
/// </summary>
public abstract class RowFileWriter : IAsyncDisposable
{
    /// <summary>
    /// Bytes gathered before a write to the stream. Each write is a trip to the thread pool (async file I/O on Unix)
    /// and the block resumes on another thread: 256 KiB makes those four times rarer than 64 KiB did.
    /// </summary>
    private const int WriteThreshold = 256 * 1024;

    private readonly Stream stream;
    private RowCells? ownCells;

    protected RowFileWriter(Stream stream, IReadOnlyList<string> columns)
    {
        this.stream = stream;
        Columns = columns;
    }

    protected IReadOnlyList<string> Columns { get; }

    /// <summary>The encoded bytes not yet written to the stream; at most one row past <see cref="WriteThreshold"/>.</summary>
    protected ArrayBufferWriter<byte> Buffer { get; } = new(WriteThreshold * 2);

    /// <summary>Creates the writer for <paramref name="format"/>; it owns <paramref name="stream"/>.</summary>
    public static RowFileWriter Create(ResultFormat format, Stream stream, IReadOnlyList<string> columns) => format.Name switch
    {
        "csv" => new CsvRowFileWriter(stream, columns),
        "json" => new JsonRowFileWriter(stream, columns, asArray: true),
        "ndjson" => new JsonRowFileWriter(stream, columns, asArray: false),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Name, "Unknown result format."),
    };

    /// <summary>Encodes one row; completes synchronously unless the buffer is due to be written.</summary>
    public ValueTask WriteRowAsync(JsonObject row, CancellationToken cancellationToken)
    {
        ownCells ??= new RowCells();
        _ = ownCells.Load(row, Columns);
        return WriteRowAsync(ownCells, cancellationToken);
    }

    /// <summary>Encodes one row already read against this writer's columns (several writers can share the reading).</summary>
    public ValueTask WriteRowAsync(RowCells cells, CancellationToken cancellationToken)
    {
        Encode(cells);
        return Buffer.WrittenCount >= WriteThreshold ? WriteBufferAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Writes any trailer and flushes; call once after the last row.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        EncodeEnd();
        await WriteBufferAsync(cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return stream.DisposeAsync();
    }

    protected abstract void Encode(RowCells cells);

    /// <summary>Whatever must follow the last row (a header for no rows, a closing bracket).</summary>
    protected abstract void EncodeEnd();

    /// <summary>Moves bytes still held by an encoder into <see cref="Buffer"/>.</summary>
    protected virtual void Commit()
    {
    }

    private async ValueTask WriteBufferAsync(CancellationToken cancellationToken)
    {
        Commit();
        await stream.WriteAsync(Buffer.WrittenMemory, cancellationToken);
        Buffer.ResetWrittenCount();
    }

    /// <summary>RFC 4180: header row, CRLF line ends, quotes only where needed, UTF-8 without BOM.</summary>
    private sealed class CsvRowFileWriter(Stream stream, IReadOnlyList<string> columns) : RowFileWriter(stream, columns)
    {
        // UTF8Encoding's default replaces a lone surrogate with U+FFFD, as the StreamWriter used before did.
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
        private bool headerWritten;

        protected override void Encode(RowCells cells)
        {
            EnsureHeader();
            if (cells.AllPlain)
            {
                EncodePlainRow(cells);
                return;
            }

            for (var i = 0; i < cells.Count; i++)
            {
                WriteField(i, CsvCell.Format(cells.Node(i)));
            }

            Buffer.Write("\r\n"u8);
        }

        /// <summary>
        /// A row of plain text values, copied into the buffer in one piece: plain text has nothing to quote but a
        /// space at either end, and then needs only the enclosing quotes.
        /// </summary>
        private void EncodePlainRow(RowCells cells)
        {
            var length = 2;
            for (var i = 0; i < cells.Count; i++)
            {
                cells.TryGetPlain(i, out var text);
                length += text.Length + 3;
            }

            var line = Buffer.GetSpan(length);
            var at = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line[at++] = (byte)',';
                }

                cells.TryGetPlain(i, out var text);
                var quoted = !text.IsEmpty && (text[0] == (byte)' ' || text[^1] == (byte)' ');
                if (quoted)
                {
                    line[at++] = (byte)'"';
                }

                text.CopyTo(line[at..]);
                at += text.Length;
                if (quoted)
                {
                    line[at++] = (byte)'"';
                }
            }

            line[at++] = (byte)'\r';
            line[at++] = (byte)'\n';
            Buffer.Advance(at);
        }

        protected override void EncodeEnd() => EnsureHeader();

        private void EnsureHeader()
        {
            // A block with no columns (no rows) still gets a file, just an empty one: CSV has no empty header row.
            if (headerWritten || Columns.Count == 0)
            {
                return;
            }

            for (var i = 0; i < Columns.Count; i++)
            {
                WriteField(i, Columns[i]);
            }

            Buffer.Write("\r\n"u8);
            headerWritten = true;
        }

        /// <summary>
        /// Quoted when it holds a quote, a comma or any line break (a lone "\n" or "\r" too), or has white
        /// space at either end, which trimming readers would lose; inner quotes are doubled.
        /// </summary>
        private void WriteField(int index, string field)
        {
            if (index > 0)
            {
                Buffer.Write(","u8);
            }

            var text = field.AsSpan();
            if (text.Length == 0 || (text.IndexOfAny("\",\r\n") < 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])))
            {
                Write(text);
                return;
            }

            Buffer.Write("\""u8);
            int quote;
            while ((quote = text.IndexOf('"')) >= 0)
            {
                Write(text[..(quote + 1)]);
                Buffer.Write("\""u8);
                text = text[(quote + 1)..];
            }

            Write(text);
            Buffer.Write("\""u8);
        }

        private void Write(ReadOnlySpan<char> text)
        {
            var written = Utf8.GetBytes(text, Buffer.GetSpan(Utf8.GetMaxByteCount(text.Length)));
            Buffer.Advance(written);
        }
    }

    /// <summary>NDJSON (one object per line) or, with <c>asArray</c>, one JSON array of objects.</summary>
    private sealed class JsonRowFileWriter : RowFileWriter
    {
        private readonly Utf8JsonWriter json;
        private readonly bool asArray;

        /// <summary>Column names escaped once, not once per row: escaping them was a good part of a row's cost.</summary>
        private readonly List<JsonEncodedText> names = [];
        private readonly List<byte[]> prefixes = [];
        private bool started;

        public JsonRowFileWriter(Stream stream, IReadOnlyList<string> columns, bool asArray)
            : base(stream, columns)
        {
            this.asArray = asArray;
            json = new Utf8JsonWriter(Buffer, WireJson.WriterOptions);
        }

        protected override void Encode(RowCells cells)
        {
            if (!asArray && cells.AllPlain)
            {
                EncodePlainLine(cells);
                return;
            }

            StartArrayOnce();
            json.WriteStartObject();
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells.IsPresent(i))
                {
                    json.WritePropertyName(Name(i));
                    WriteValue(cells.Node(i));
                }
            }

            json.WriteEndObject();

            if (!asArray)
            {
                // Utf8JsonWriter allows one root value; NDJSON commits each line and starts the next afresh.
                json.Flush();
                Buffer.Write("\n"u8);
                json.Reset();
            }
        }

        /// <summary>
        /// An NDJSON line of plain text values, as the JSON writer would write it (names escaped once, values needing
        /// no escaping), put together directly: the writer's per-value work was most of a line's cost. Between lines
        /// the writer holds no bytes, so the two can take turns.
        /// </summary>
        private void EncodePlainLine(RowCells cells)
        {
            var length = 3;
            for (var i = 0; i < cells.Count; i++)
            {
                cells.TryGetPlain(i, out var text);
                length += PropertyPrefix(i).Length + text.Length + 2;
            }

            var line = Buffer.GetSpan(length);
            line[0] = (byte)'{';
            var at = 1;
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line[at++] = (byte)',';
                }

                cells.TryGetPlain(i, out var text);
                var prefix = prefixes[i]; // made by the first pass
                prefix.CopyTo(line[at..]);
                at += prefix.Length;
                text.CopyTo(line[at..]);
                at += text.Length;
                line[at++] = (byte)'"';
            }

            line[at++] = (byte)'}';
            line[at++] = (byte)'\n';
            Buffer.Advance(at);
        }

        protected override void EncodeEnd()
        {
            if (asArray)
            {
                StartArrayOnce();
                json.WriteEndArray();
            }
        }

        protected override void Commit() => json.Flush();

        public override async ValueTask DisposeAsync()
        {
            await json.DisposeAsync();
            await base.DisposeAsync();
        }

        private void StartArrayOnce()
        {
            if (asArray && !started)
            {
                json.WriteStartArray();
            }

            started = true;
        }

        /// <summary>Columns only ever get appended, so the escaped names follow them by index.</summary>
        private JsonEncodedText Name(int index)
        {
            while (names.Count <= index)
            {
                names.Add(JsonEncodedText.Encode(Columns[names.Count], WireJson.WriterOptions.Encoder));
            }

            return names[index];
        }

        /// <summary>A column's <c>"name":"</c> as the writer would put it before a string value.</summary>
        private byte[] PropertyPrefix(int index)
        {
            while (prefixes.Count <= index)
            {
                prefixes.Add([(byte)'"', .. Name(prefixes.Count).EncodedUtf8Bytes, (byte)'"', (byte)':', (byte)'"']);
            }

            return prefixes[index];
        }

        private void WriteValue(JsonNode? value)
        {
            if (value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                value.WriteTo(json, WireJson.Options);
            }
        }
    }
}
