using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using System.Text.Json;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// Serialises one record at a time into a reused buffer, so a record that cannot be written (too deep, a
    /// SecureString) fails alone and never leaves half a record in the output.
    /// </summary>
    internal sealed class RecordSerializer : IDisposable
    {
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Utf8JsonWriter _writer;
        private RecordShape? _shape;

        public RecordSerializer() => _writer = new Utf8JsonWriter(_buffer, SixtyfourJson.WriterOptions);

        /// <summary>The record's compact JSON; valid until the next call. A value that is not a record is refused here, alone.</summary>
        public ArraySegment<byte> Serialize(object? record)
        {
            // No pattern variables (here and in NotARecord): Stryker counts the mutants around a negated one as compile errors.
            var kind = NotARecord(record);
            if (kind != null)
                throw new InvalidDataException($"{kind} is not a record: each input row must be an object with properties (an Import-Csv row, [pscustomobject]@{{...}}, a hashtable).");
            _buffer.SetLength(0);
            _writer.Reset(_buffer);
            PowerShellJsonWriter.WriteRecord(_writer, record!, ref _shape);
            _writer.Flush();
            var json = new ArraySegment<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            LastHadReplacementCharacter = HasReplacementCharacter(json);
            return json;
        }

        /// <summary>
        /// The last record held U+FFFD, the mark a reader leaves where bytes were not text in the encoding it assumed
        /// (Import-Csv reading a Windows-1252 file as UTF-8): sent as it is, but worth a word to the user.
        /// </summary>
        public bool LastHadReplacementCharacter { get; private set; }

        private static bool HasReplacementCharacter(ArraySegment<byte> utf8) =>
            // Stryker disable once Equality: a record's JSON starts with '{', so U+FFFD is never found at index 0 and "> 0" means the same.
            new ReadOnlySpan<byte>(utf8.Array, utf8.Offset, utf8.Count).IndexOf("\uFFFD"u8) >= 0;

        /// <summary>
        /// What a value that cannot be an input row is ("A string", "A file"), or null for a record. Scalars would be
        /// sent as JSON scalars, which the API refuses for the whole run; a file's properties reach far into the file system.
        /// </summary>
        private static string? NotARecord(object? record)
        {
            var value = (record as PSObject)?.BaseObject ?? record;
            switch (value)
            {
                // A piped $null (an empty variable, a gap in an array) would be sent as a JSON null.
                case null:
                    return "A null value";
                case PSCustomObject _:
                case IDictionary _:
                    return null;
                case FileSystemInfo _:
                    return "A file or folder (use -Path or -LiteralPath to send a file's rows)";
                case string _:
                case char _:
                    return "A string";
                case IEnumerable _:
                    return "A list";
                case DateTime _:
                case DateTimeOffset _:
                case TimeSpan _:
                case Guid _:
                case Uri _:
                case Enum _:
                case SecureString _:
                // Null in disguise (a database's null, [NullString]::Value): it would be sent as a JSON null.
                case DBNull _:
                case NullString _:
                    return "A " + value.GetType().Name;
                default:
                    return value.GetType().IsPrimitive || value is decimal || value is System.Numerics.BigInteger ? "A number or boolean" : null;
            }
        }

        public void Dispose()
        {
            _writer.Dispose();
            _buffer.Dispose();
        }
    }
}
