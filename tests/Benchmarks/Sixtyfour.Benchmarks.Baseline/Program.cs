// The benchmark suite's helper and baseline (tests/Benchmarks/Invoke-Benchmarks.ps1):
//   generate <file.csv> <rows> <columns> [duplicate-percent]   deterministic test data
//   generate-companies <file.csv> <rows> <name-length>          companies with long names (P4's large result)
//   raw <input.csv> <output-folder>                             P5's baseline: parse the CSV and write it as CSV and NDJSON
//                                                               in one process, as fast as CsvHelper and Utf8JsonWriter go;
//                                                               prints {"rows":N,"ms":N,"peak_kb":N}.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

return args.FirstOrDefault() switch
{
    "generate" when args.Length >= 4 => Generate(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture),
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0),
    "generate-companies" when args.Length == 4 => GenerateCompanies(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)),
    "raw" when args.Length == 3 => Raw(args[1], args[2]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate <file> <rows> <columns> [duplicate-percent] | generate-companies <file> <rows> <name-length> | raw <input.csv> <output-folder>");
    return 2;
}

static int Generate(string path, long rows, int columns, int duplicatePercent)
{
    string[] first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Linus", "Margaret", "Ken", "Dennis", "Frances", "John", "Radia", "Tim", "Hedy", "Niklaus"];
    string[] last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Torvalds", "Hamilton", "Thompson", "Ritchie", "Allen", "Backus", "Perlman", "Lee", "Lamarr", "Wirth"];
    string[] domains = ["acme.com", "globex.io", "initech.net", "umbrella.org", "hooli.com", "stark.dev", "wayne.co", "tyrell.ai"];
    string[] cities = ["Berlin", "Paris", "Austin", "Lisbon", "Oslo", "Kyoto", "Lima", "Perth"];
    string[] titles = ["CEO", "CTO", "Engineer", "Sales", "Designer", "Analyst", "Founder", "Manager"];
    string[] names = ["id", "first_name", "last_name", "email", "company_domain", "city", "score", "segment", "title", "country", "phone", "company_name"];
    if (columns < 1 || columns > names.Length) { Console.Error.WriteLine($"columns must be 1..{names.Length}"); return 2; }
    var random = new Random(64);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
    writer.WriteLine(string.Join(',', names.Take(columns)));
    var cells = new string[columns];
    for (long row = 0; row < rows; row++)
    {
        // A duplicate repeats an earlier row's person, so deduplicate on email has work to do.
        var person = duplicatePercent > 0 && row > 0 && random.Next(100) < duplicatePercent ? random.NextInt64(row) : row;
        var f = first[person % first.Length];
        var l = last[person / first.Length % last.Length];
        var d = domains[person % domains.Length];
        for (var c = 0; c < columns; c++)
        {
            cells[c] = c switch
            {
                0 => row.ToString(CultureInfo.InvariantCulture),
                1 => f,
                2 => l,
                3 => $"{f[0]}.{l}{person}@{d}".ToLowerInvariant(),
                4 => d,
                5 => cities[random.Next(cities.Length)],
                6 => random.Next(100).ToString(CultureInfo.InvariantCulture),
                7 => random.Next(3) switch { 0 => "smb", 1 => "mid", _ => "ent" },
                8 => titles[random.Next(titles.Length)],
                9 => "DE",
                10 => $"+49 30 {random.Next(1000000, 9999999)}",
                _ => d.Split('.')[0] + " Inc",
            };
        }
        writer.WriteLine(string.Join(',', cells));
    }
    return 0;
}

static int GenerateCompanies(string path, long rows, int nameLength)
{
    // company_name,company_domain with very long names: company_to_leads (max_people 10) turns each row into ten
    // rows that repeat the name, so a file under the 100 MB upload limit becomes a result ten times its size.
    var random = new Random(64);
    const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
    writer.WriteLine("company_name,company_domain");
    var name = new char[nameLength];
    for (long row = 0; row < rows; row++)
    {
        for (var i = 0; i < name.Length; i++) name[i] = alphabet[random.Next(alphabet.Length)];
        writer.Write(name);
        writer.Write(',');
        writer.Write("c");
        writer.Write(row.ToString(CultureInfo.InvariantCulture));
        writer.WriteLine(".example.com");
    }
    return 0;
}

static int Raw(string input, string outputFolder)
{
    // Straightforward fast code, what one would write by hand: CsvHelper's parser in, CsvHelper's writer and
    // Utf8JsonWriter out, one row at a time, no row objects kept.
    Directory.CreateDirectory(outputFolder);
    var clock = Stopwatch.StartNew();
    var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, BadDataFound = null, MissingFieldFound = null };
    using var reader = new StreamReader(input, new UTF8Encoding(false), true, 1 << 16);
    using var parser = new CsvParser(reader, configuration);
    using var csvOut = new StreamWriter(Path.Combine(outputFolder, "raw.csv"), false, new UTF8Encoding(false), 1 << 16);
    using var csvWriter = new CsvWriter(csvOut, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
    using var ndjson = new FileStream(Path.Combine(outputFolder, "raw.ndjson"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    var line = new System.Buffers.ArrayBufferWriter<byte>(4096);
    using var json = new Utf8JsonWriter(line, new JsonWriterOptions { SkipValidation = true });
    long rows = 0;
    if (parser.Read())
    {
        var header = parser.Record!;
        var names = header.Select(name => JsonEncodedText.Encode(name)).ToArray();
        foreach (var name in header) csvWriter.WriteField(name);
        csvWriter.NextRecord();
        while (parser.Read())
        {
            line.ResetWrittenCount();
            json.Reset(line);
            json.WriteStartObject();
            var count = parser.Count;
            for (var i = 0; i < header.Length; i++)
            {
                var value = i < count ? parser[i] : "";
                csvWriter.WriteField(value);
                json.WriteString(names[i], value);
            }
            csvWriter.NextRecord();
            json.WriteEndObject();
            json.Flush();
            ndjson.Write(line.WrittenSpan);
            ndjson.WriteByte((byte)'\n');
            rows++;
        }
    }
    csvWriter.Flush();
    ndjson.Flush();
    var ms = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine(JsonSerializer.Serialize(new { rows, ms = Math.Round(ms, 1), peak_kb = PeakKb() }));
    return 0;
}

static long PeakKb()
{
    try
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
    catch (IOException) { }
    return Process.GetCurrentProcess().PeakWorkingSet64 / 1024;
}
