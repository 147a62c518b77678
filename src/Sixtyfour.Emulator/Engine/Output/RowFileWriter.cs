using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>
/// Writes rows to one result file. Every row is written with the block's full column list, so CSV
/// gets a cell per column and JSON objects get their keys in column order.
/// </summary>
public abstract class RowFileWriter : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    protected RowFileWriter(IReadOnlyList<string> columns) => Columns = columns;

    protected IReadOnlyList<string> Columns { get; }

    /// <summary>Creates the writer for <paramref name="format"/>; it owns <paramref name="stream"/>.</summary>
    public static RowFileWriter Create(ResultFormat format, Stream stream, IReadOnlyList<string> columns) => format.Name switch
    {
        "csv" => new CsvRowFileWriter(stream, columns),
        "json" => new JsonRowFileWriter(stream, columns, asArray: true),
        "ndjson" => new JsonRowFileWriter(stream, columns, asArray: false),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Name, "Unknown result format."),
    };

    public abstract ValueTask WriteRowAsync(JsonObject row, CancellationToken cancellationToken);

    /// <summary>Writes any trailer and flushes; call once after the last row.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>RFC 4180: header row, CRLF line ends, quotes only where needed, UTF-8 without BOM.</summary>
    private sealed class CsvRowFileWriter : RowFileWriter
    {
        private readonly CsvWriter csv;
        private bool headerWritten;

        public CsvRowFileWriter(Stream stream, IReadOnlyList<string> columns)
            : base(columns)
        {
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                NewLine = "\r\n",

                // CsvHelper's default only quotes a field holding the configured NewLine ("\r\n"); a lone
                // "\n" or "\r" must be quoted too, and edge spaces are kept safe from trimming readers.
                ShouldQuote = args => args.Field is { Length: > 0 } field
                    && (field.AsSpan().IndexOfAny("\",\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])),
            };
            csv = new CsvWriter(new StreamWriter(stream, Utf8NoBom), configuration);
        }

        public override async ValueTask WriteRowAsync(JsonObject row, CancellationToken cancellationToken)
        {
            await EnsureHeaderAsync();
            foreach (var column in Columns)
            {
                csv.WriteField(CsvCell.Format(row.TryGetPropertyValue(column, out var value) ? value : null));
            }

            await csv.NextRecordAsync();
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            await EnsureHeaderAsync();
            await csv.FlushAsync();
        }

        public override ValueTask DisposeAsync() => csv.DisposeAsync();

        private async ValueTask EnsureHeaderAsync()
        {
            // A block with no columns (no rows) still gets a file, just an empty one: CSV has no empty header row.
            if (headerWritten || Columns.Count == 0)
            {
                return;
            }

            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            await csv.NextRecordAsync();
            headerWritten = true;
        }
    }

    /// <summary>NDJSON (one object per line) or, with <c>asArray</c>, one JSON array of objects.</summary>
    private sealed class JsonRowFileWriter(Stream stream, IReadOnlyList<string> columns, bool asArray) : RowFileWriter(columns)
    {
        private const int FlushThreshold = 64 * 1024;
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly Utf8JsonWriter json = new(stream, WireJson.WriterOptions);
        private bool started;

        public override async ValueTask WriteRowAsync(JsonObject row, CancellationToken cancellationToken)
        {
            StartArrayOnce();
            json.WriteStartObject();
            foreach (var column in Columns)
            {
                if (row.TryGetPropertyValue(column, out var value))
                {
                    json.WritePropertyName(column);
                    WriteValue(value);
                }
            }

            json.WriteEndObject();
            if (asArray)
            {
                // Utf8JsonWriter buffers until flushed; flushing now and then keeps memory bounded.
                if (json.BytesPending >= FlushThreshold)
                {
                    await json.FlushAsync(cancellationToken);
                }

                return;
            }

            // Utf8JsonWriter allows one root value; NDJSON resets it after every line.
            await json.FlushAsync(cancellationToken);
            await stream.WriteAsync(NewLine, cancellationToken);
            json.Reset();
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            if (asArray)
            {
                StartArrayOnce();
                json.WriteEndArray();
            }

            await json.FlushAsync(cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        public override async ValueTask DisposeAsync()
        {
            await json.DisposeAsync();
            await stream.DisposeAsync();
        }

        private void StartArrayOnce()
        {
            if (asArray && !started)
            {
                json.WriteStartArray();
            }

            started = true;
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
