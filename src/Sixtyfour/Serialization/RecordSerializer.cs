using System;
using System.IO;
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

        /// <summary>The record's compact JSON; valid until the next call.</summary>
        public ArraySegment<byte> Serialize(object record)
        {
            _buffer.SetLength(0);
            _writer.Reset(_buffer);
            PowerShellJsonWriter.WriteValue(_writer, record);
            _writer.Flush();
            return new ArraySegment<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        }

        public void Dispose()
        {
            _writer.Dispose();
            _buffer.Dispose();
        }
    }
}
