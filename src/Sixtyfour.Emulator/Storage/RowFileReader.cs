using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Storage;

/// <summary>Streams rows out of an input or intermediate file, choosing the parser by file extension.</summary>
public static class RowFileReader
{
    /// <summary>The extensions <see cref="ReadAsync"/> understands, which are also the upload's allowed types.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".csv", ".json", ".jsonl", ".ndjson"];

    /// <summary>
    /// .csv: header row, every value a string (empty cell = ""; see <see cref="CsvRecordReader"/>); .json: one array of objects;
    /// .jsonl/.ndjson: one object per line, blank lines skipped. Malformed input throws
    /// <see cref="InvalidDataException"/> naming the position.
    /// </summary>
    public static IAsyncEnumerable<JsonObject> ReadAsync(string path, CancellationToken cancellationToken) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsvAsync(path, cancellationToken),
            ".json" => ReadJsonArrayAsync(path, cancellationToken),
            ".jsonl" or ".ndjson" => ReadJsonLinesAsync(path, cancellationToken),
            var extension => throw new InvalidDataException($"Unsupported input file type '{extension}'."),
        };

    /// <summary>
    /// One streaming pass that counts the rows and collects the columns (union of keys, first-seen
    /// order), so a run can be priced and a bulk file checked without holding its rows.
    /// </summary>
    public static async Task<FileSurvey> SurveyAsync(string path, CancellationToken cancellationToken)
    {
        long rows = 0;
        var columns = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in ReadAsync(path, cancellationToken))
        {
            rows++;
            foreach (var (column, _) in row)
            {
                if (known.Add(column))
                {
                    columns.Add(column);
                }
            }
        }

        return new FileSurvey(rows, columns);
    }

    /// <summary>
    /// Rows keyed by the header, as pandas names columns: a blank name becomes <c>Unnamed: {index}</c>
    /// and a repeated one gets <c>.1</c>, <c>.2</c>, ... Short rows are padded with "", and a row with
    /// more fields than the header cannot be read (pandas refuses it too).
    /// </summary>
    private static async IAsyncEnumerable<JsonObject> ReadCsvAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = OpenText(path);
        IReadOnlyList<string>? header = null;
        KeyValuePair<string, JsonNode?>[]? properties = null;
        await foreach (var record in CsvRecordReader.ReadAsync(reader, cancellationToken))
        {
            if (header is null)
            {
                header = ColumnNames(record.Fields);
                properties = new KeyValuePair<string, JsonNode?>[header.Count];
                continue;
            }

            if (record.Fields.Count > header.Count)
            {
                throw new InvalidDataException($"CSV line {record.Line} has {record.Fields.Count} fields but the header has {header.Count}.");
            }

            // Built from a collection of known size, the object is sized once instead of growing column by column.
            for (var i = 0; i < header.Count; i++)
            {
                properties![i] = new(header[i], JsonValue.Create(i < record.Fields.Count ? record.Fields[i] : string.Empty));
            }

            yield return new JsonObject(properties!);
        }
    }

    /// <summary>Large reads: each one is a trip to the thread pool, and the parsers ask for text in large blocks.</summary>
    private static StreamReader OpenText(string path) => new(
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan),
        Encoding.UTF8,
        detectEncodingFromByteOrderMarks: true,
        bufferSize: 256 * 1024);

    private static List<string> ColumnNames(IReadOnlyList<string> header)
    {
        var names = new List<string>(header.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = string.IsNullOrEmpty(header[i]) ? $"Unnamed: {i}" : header[i];
            var unique = name;
            for (var copy = 1; !used.Add(unique); copy++)
            {
                unique = $"{name}.{copy}";
            }

            names.Add(unique);
        }

        return names;
    }

    private static async IAsyncEnumerable<JsonObject> ReadJsonArrayAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var index = 0;
        await using var items = JsonSerializer.DeserializeAsyncEnumerable<JsonNode>(stream, topLevelValues: false, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(items, path))
        {
            yield return Loaded(
                items.Current as JsonObject ?? throw new InvalidDataException($"{Path.GetFileName(path)}: item {index} is not a JSON object."),
                $"{Path.GetFileName(path)}: item {index}");
            index++;
        }
    }

    private static async IAsyncEnumerable<JsonObject> ReadJsonLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = OpenText(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(line, lineNumber, path);
        }
    }

    private static JsonObject ParseLine(string line, int lineNumber, string path)
    {
        try
        {
            return Loaded(
                JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"{Path.GetFileName(path)}: line {lineNumber} is not a JSON object."),
                $"{Path.GetFileName(path)}: line {lineNumber}");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: line {lineNumber} is not valid JSON ({exception.Message})", exception);
        }
    }

    /// <summary>
    /// The object with its properties read now: JsonObject defers that, and a repeated name would
    /// otherwise throw ArgumentException wherever the row is first used (the run's credit estimate included).
    /// </summary>
    private static JsonObject Loaded(JsonObject row, string where)
    {
        try
        {
            _ = row.Count;
            return row;
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"{where} repeats a property name.");
        }
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<JsonNode?> items, string path)
    {
        try
        {
            return await items.MoveNextAsync();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a JSON array of objects ({exception.Message})", exception);
        }
    }
}

/// <summary>What <see cref="RowFileReader.SurveyAsync"/> found: the row count and the columns.</summary>
public sealed record FileSurvey(long Rows, IReadOnlyList<string> Columns);
