using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Text.Json;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// Serialises one record at a time into a reused buffer, so a record that cannot be written (too deep, a
    /// SecureString) fails alone and never leaves half a record in the output.
    /// </summary>
    internal sealed class RecordSerializer : IDisposable
    {
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Utf8JsonWriter _writer;

        public RecordSerializer() => _writer = new Utf8JsonWriter(_buffer, SixtyfourJson.WriterOptions);

        /// <summary>The record's compact JSON; valid until the next call. A value that is not a record is refused here, alone.</summary>
        public ArraySegment<byte> Serialize(object record)
        {
            if (NotARecord(record) is string kind)
                throw new InvalidDataException($"{kind} is not a record: each input row must be an object with properties (an Import-Csv row, [pscustomobject]@{{...}}, a hashtable).");
            _buffer.SetLength(0);
            _writer.Reset(_buffer);
            PowerShellJsonWriter.WriteValue(_writer, record);
            _writer.Flush();
            return new ArraySegment<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }

        /// <summary>
        /// What a value that cannot be an input row is ("A string", "A file"), or null for a record. Scalars would be
        /// sent as JSON scalars, which the API refuses for the whole run; a file's properties reach far into the file system.
        /// </summary>
        private static string? NotARecord(object record)
        {
            var value = record is PSObject wrapped ? wrapped.BaseObject : record;
            switch (value)
            {
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
