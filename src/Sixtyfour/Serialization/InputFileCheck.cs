using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sixtyfour.Serialization
{
    /// <summary>Why an input file is not sent: an ErrorId shared with piped records where the rule is the same, the message and what to do.</summary>
    internal sealed class InputFileProblem
    {
        public InputFileProblem(string errorId, string message, string advice)
        {
            ErrorId = errorId;
            Message = message;
            Advice = advice;
        }

        /// <summary>NoInputRecords (as for a pipeline with no records) or UnreadableInputFile.</summary>
        public string ErrorId { get; }
        public string Message { get; }
        public string Advice { get; }
    }

    /// <summary>
    /// Checks an input file before it is sent, by the rules piped records meet: text the API can read (UTF-8, or the
    /// encoding given, converted while sending), at least one row, no two columns whose names differ only in case.
    /// One streaming pass over the whole file, then a look at its first rows; memory stays constant.
    /// </summary>
    internal static class InputFileCheck
    {
        public const string NoInputRecords = "NoInputRecords";
        public const string Unreadable = "UnreadableInputFile";

        /// <summary>Characters parsed at a time: only the header and the first row are read.</summary>
        private const int CsvBuffer = 4096;

        private static readonly (byte[] Mark, string Name, string Parameter)[] ByteOrderMarks =
        {
            // UTF-32 LE first: its mark starts with UTF-16 LE's.
            (new byte[] { 0xFF, 0xFE, 0, 0 }, "UTF-32", "utf32"),
            (new byte[] { 0xFF, 0xFE }, "UTF-16", "unicode"),
            (new byte[] { 0xFE, 0xFF }, "UTF-16 big-endian", "bigendianunicode"),
        };

        /// <summary>What is wrong with the file, or null when it can be sent. <paramref name="encoding"/> null means UTF-8.</summary>
        public static InputFileProblem? Problem(string path, Encoding? encoding = null)
        {
            var name = Path.GetFileName(path);
            var strict = Strict(encoding ?? new UTF8Encoding(false));
            if (encoding is null && ByteOrderMark(path) is var (bomName, parameter) && bomName != null)
                return new InputFileProblem(Unreadable, $"'{name}' is {bomName} text (it starts with a {bomName} byte order mark), and the API reads UTF-8.",
                    $"Pass -Encoding {parameter}: the file is converted to UTF-8 while it is sent.");
            var decoded = DecodingProblem(path, strict, encoding, name);
            return decoded ?? RowsProblem(path, strict, name);
        }

        /// <summary>A copy of <paramref name="encoding"/> that throws on bytes it cannot decode, instead of turning them into U+FFFD.</summary>
        public static Encoding Strict(Encoding encoding) =>
            Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

        private static (string? Name, string? Parameter) ByteOrderMark(string path)
        {
            var head = new byte[4];
            int read;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read)) read = file.Read(head, 0, head.Length);
            foreach (var (mark, markName, parameter) in ByteOrderMarks)
            {
                if (read < mark.Length) continue;
                var same = true;
                for (var i = 0; i < mark.Length; i++) same &= head[i] == mark[i];
                if (same) return (markName, parameter);
            }
            return (null, null);
        }

        private static InputFileProblem? DecodingProblem(string path, Encoding strict, Encoding? given, string name)
        {
            var decoder = strict.GetDecoder();
            var bytes = new byte[81920];
            var chars = new char[strict.GetMaxCharCount(bytes.Length)];
            // NUL is a character in UTF-16 and UTF-32 text; in a single-byte encoding or UTF-8 it means binary data.
            var nulIsBinary = strict.GetByteCount("a") == 1;
            long total = 0;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bytes.Length, FileOptions.SequentialScan);
            try
            {
                int read;
                while ((read = file.Read(bytes, 0, bytes.Length)) > 0)
                {
                    if (nulIsBinary && Array.IndexOf(bytes, (byte)0, 0, read) >= 0)
                        return new InputFileProblem(Unreadable, $"'{name}' holds NUL bytes: it is not a text file.", "Send a .csv, .json, .jsonl or .ndjson text file.");
                    decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                    total += read;
                }
                decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException e)
            {
                var where = $"byte 0x{(e.BytesUnknown?.Length > 0 ? e.BytesUnknown[0] : 0):X2} near offset {total + Math.Max(0, e.Index)}";
                return given is null
                    ? new InputFileProblem(Unreadable, $"'{name}' is not UTF-8 text ({where}), and the API reads UTF-8.",
                        "Pass the file's encoding with -Encoding (for example -Encoding windows-1252 or -Encoding latin1): it is converted to UTF-8 while it is sent.")
                    : new InputFileProblem(Unreadable, $"'{name}' is not {given.WebName} text ({where}).", "Pass the file's own encoding with -Encoding.");
            }
            return total == 0 ? NoRows(name, "is empty") : null;
        }

        private static InputFileProblem? RowsProblem(string path, Encoding strict, string name)
        {
            using var reader = new StreamReader(path, strict, detectEncodingFromByteOrderMarks: true);
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".csv":
                    using (var csv = CsvFieldReader.Open(reader, CsvBuffer))
                    {
                        if (!csv.Read()) return NoRows(name, "has no header row");
                        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                        foreach (var column in csv.Record)
                            if (!seen.Add(column))
                                return new InputFileProblem(Unreadable, $"'{name}' has two columns named '{column}' that differ only in case (or not at all).",
                                    "Rename one of them: the API would keep only one, as it does for piped records.");
                        return csv.Read() ? null : NoRows(name, "has a header row but no rows");
                    }
                case ".json":
                    var start = FirstNonSpace(reader);
                    return start == '[' && FirstNonSpace(reader) == ']' ? NoRows(name, "holds an empty array") : null;
                default:
                    string? line;
                    while ((line = reader.ReadLine()) != null)
                        if (line.Trim().Length > 0) return null;
                    return NoRows(name, "has no lines with a record");
            }
        }

        private static int FirstNonSpace(TextReader reader)
        {
            int c;
            while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c)) { }
            return c;
        }

        private static InputFileProblem NoRows(string name, string what) =>
            new InputFileProblem(NoInputRecords, $"'{name}' {what}, so no run was started.", "Add at least one row: a run needs records to work on.");
    }
}
