using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>Reads result files row by row, one row in memory at a time, whatever the file's size.</summary>
    internal static class ResultRowReader
    {
        /// <summary>Characters read at a time: the 1-4 KB defaults cost one read from the network per few rows.</summary>
        private const int ReadBuffer = 64 * 1024;

        /// <summary>
        /// Calls <paramref name="onRow"/> for each row of a csv, ndjson or json result stream, and
        /// <paramref name="onWarning"/> with what was changed to read it (a CSV column without a name).
        /// </summary>
        public static Task ReadAsync(Stream body, string format, Action<PSObject> onRow, CancellationToken cancellationToken, Action<string>? onWarning = null)
        {
            switch (format)
            {
                case "csv": return ReadCsvAsync(body, onRow, onWarning, cancellationToken);
                case "ndjson": return ReadNdjsonAsync(body, onRow, cancellationToken);
                case "json": return ReadJsonArrayAsync(body, onRow, cancellationToken);
                default: throw new ArgumentException($"Unknown result format '{format}'.", nameof(format));
            }
        }

        private static async Task ReadCsvAsync(Stream body, Action<PSObject> onRow, Action<string>? onWarning, CancellationToken cancellationToken)
        {
            using var reader = OpenText(body);
            using var csv = CsvFieldReader.Open(reader, ReadBuffer);
            if (!await csv.ReadAsync().ConfigureAwait(false)) return;
            var header = csv.Record;
            if (NameUnnamed(header) is string renamed) onWarning?.Invoke(renamed);
            var rowType = ResultRowType.For(header);
            var values = new string?[header.Length];
            while (await csv.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // As Import-Csv: every column of the header, missing trailing cells as null.
                var count = Math.Min(csv.Count, values.Length);
                for (var i = 0; i < count; i++) values[i] = csv[i];
                for (var i = count; i < values.Length; i++) values[i] = null;
                onRow(new PSObject(rowType.Create(values)));
            }
        }

        /// <summary>
        /// Names the columns that have none H1, H2, … as Import-Csv does (a pandas index column is one), and says which;
        /// null when every column has a name.
        /// </summary>
        private static string? NameUnnamed(string[] header)
        {
            var renamed = new List<string>();
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i].Length > 0) continue;
                header[i] = "H" + (renamed.Count + 1).ToString(CultureInfo.InvariantCulture);
                renamed.Add($"{i + 1} ({header[i]})");
            }
            return renamed.Count == 0 ? null
                : $"Column(s) {string.Join(", ", renamed)} of the CSV result have no name; they are named H1, H2… as Import-Csv names them.";
        }

        private static async Task ReadNdjsonAsync(Stream body, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            using var reader = OpenText(body);
            var lineNumber = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = await reader.ReadLineAsync().ConfigureAwait(false);
                if (line is null) return;
                lineNumber++;
                if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
                JsonDocument document;
                try { document = JsonDocument.Parse(line); }
                catch (JsonException e) { throw new InvalidDataException($"Line {lineNumber} of the NDJSON result is not JSON: {e.Message}", e); }
                using (document) onRow(AsRow(document.RootElement));
            }
        }

        private static async Task ReadJsonArrayAsync(Stream body, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, SixtyfourJson.Options, cancellationToken).ConfigureAwait(false))
                onRow(AsRow(element));
        }

        /// <summary>UTF-8 unless a byte-order mark says otherwise.</summary>
        private static StreamReader OpenText(Stream body) =>
            new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, ReadBuffer);

        private static PSObject AsRow(JsonElement element) =>
            JsonToPowerShell.Convert(element) as PSObject ?? throw new InvalidDataException($"A result row is a JSON {element.ValueKind}, not an object.");
    }
}
