using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// Reads result files row by row, one row in memory at a time, whatever the file's size. Reads block: rows are read
    /// on the pipeline thread that writes them, so none crosses threads and a slow pipeline simply reads more slowly.
    /// </summary>
    internal static class ResultRowReader
    {
        /// <summary>Characters read at a time: the 1-4 KB defaults cost one read from the network per few rows.</summary>
        private const int ReadBuffer = 64 * 1024;

        /// <summary>
        /// Calls <paramref name="onRow"/> for each row of a csv, ndjson or json result stream, and
        /// <paramref name="onWarning"/> with what was changed to read it (a CSV column without a name).
        /// </summary>
        public static void Read(Stream body, string format, Action<PSObject> onRow, Action<string>? onWarning, CancellationToken cancellationToken)
        {
            switch (format)
            {
                case "csv": ReadCsv(body, onRow, onWarning, cancellationToken); break;
                case "ndjson": ReadNdjson(body, onRow, cancellationToken); break;
                case "json": JsonArrayReader.Read(body, element => onRow(AsRow(element)), cancellationToken); break;
                default: throw new ArgumentException($"Unknown result format '{format}'.", nameof(format));
            }
        }

        private static void ReadCsv(Stream body, Action<PSObject> onRow, Action<string>? onWarning, CancellationToken cancellationToken)
        {
            using var reader = OpenText(body);
            using var csv = CsvFieldReader.Open(reader, ReadBuffer);
            if (!csv.Read()) return;
            var header = csv.Record;
            if (NameUnnamed(header) is string renamed) onWarning?.Invoke(renamed);
            var rowType = ResultRowType.For(header);
            var values = new string?[header.Length];
            while (csv.Read())
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

        private static void ReadNdjson(Stream body, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            using var reader = OpenText(body);
            var lineNumber = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = reader.ReadLine();
                if (line is null) return;
                lineNumber++;
                if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
                JsonDocument document;
                try { document = JsonDocument.Parse(line); }
                catch (JsonException e) { throw new InvalidDataException($"Line {lineNumber} of the NDJSON result is not JSON: {e.Message}", e); }
                using (document) onRow(AsRow(document.RootElement));
            }
        }

        /// <summary>UTF-8 unless a byte-order mark says otherwise.</summary>
        private static StreamReader OpenText(Stream body) =>
            new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, ReadBuffer);

        private static PSObject AsRow(JsonElement element) =>
            JsonToPowerShell.Convert(element) as PSObject ?? throw new InvalidDataException($"A result row is a JSON {element.ValueKind}, not an object.");
    }
}
