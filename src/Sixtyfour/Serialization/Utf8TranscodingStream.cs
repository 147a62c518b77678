using System;
using System.IO;
using System.Text;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// Reads a text file in its own encoding and hands on UTF-8, the encoding the API reads: an upload in UTF-16 or
    /// Windows-1252 is converted while it is sent, a buffer at a time (netstandard2.0 has no Encoding.CreateTranscodingStream).
    /// </summary>
    internal sealed class Utf8TranscodingStream : ReadOnlyStream
    {
        private readonly StreamReader _reader;
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        private readonly char[] _chars = new char[16384];
        private readonly byte[] _bytes;
        private int _offset;
        private int _count;
        private bool _done;

        /// <param name="source">Owned: disposed with this stream.</param>
        public Utf8TranscodingStream(Stream source, Encoding encoding)
        {
            // The source's byte order mark is skipped by the reader; UTF-8 needs none.
            _reader = new StreamReader(source, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 81920);
            _bytes = new byte[Encoding.UTF8.GetMaxByteCount(_chars.Length)];
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_count == 0 && !_done)
            {
                var read = _reader.Read(_chars, 0, _chars.Length);
                _done = read == 0;
                _count = _encoder.GetBytes(_chars, 0, read, _bytes, 0, flush: _done);
                _offset = 0;
            }
            var n = Math.Min(count, _count);
            Buffer.BlockCopy(_bytes, _offset, buffer, offset, n);
            _offset += n;
            _count -= n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _reader.Dispose();
            base.Dispose(disposing);
        }
    }
}
