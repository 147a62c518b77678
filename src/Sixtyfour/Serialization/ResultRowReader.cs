using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;
using CsvHelper.Configuration;

namespace Sixtyfour.Serialization
{
    /// <summary>Reads result files row by row, one row in memory at a time, whatever the file's size.</summary>
    internal static class ResultRowReader
    {
        /// <summary>Calls <paramref name="onRow"/> for each row of a csv, ndjson or json result stream.</summary>
        public static Task ReadAsync(Stream body, string format, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            switch (format)
            {
                case "csv": return ReadCsvAsync(body, onRow, cancellationToken);
                case "ndjson": return ReadNdjsonAsync(body, onRow, cancellationToken);
                case "json": return ReadJsonArrayAsync(body, onRow, cancellationToken);
                default: throw new ArgumentException($"Unknown result format '{format}'.", nameof(format));
            }
        }

        private static async Task ReadCsvAsync(Stream body, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = false,
                BadDataFound = null,
                MissingFieldFound = null,
            };
            using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, configuration);
            if (!await csv.ReadAsync().ConfigureAwait(false)) return;
            csv.ReadHeader();
            var header = csv.HeaderRecord ?? Array.Empty<string>();
            while (await csv.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // As Import-Csv: every column of the header, missing trailing cells as null.
                var row = new PSObject();
                for (var i = 0; i < header.Length; i++)
                    row.Properties.Add(new PSNoteProperty(header[i], csv.TryGetField<string>(i, out var value) ? value : null));
                onRow(row);
            }
        }

        private static async Task ReadNdjsonAsync(Stream body, Action<PSObject> onRow, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
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

        private static PSObject AsRow(JsonElement element) =>
            JsonToPowerShell.Convert(element) as PSObject ?? throw new InvalidDataException($"A result row is a JSON {element.ValueKind}, not an object.");
    }
}
