using Sixtyfour.Serialization;

namespace Sixtyfour.Tests
{
    /// <summary>
    /// A forward-only stream over pieces made as they are read, which gives at most <c>bytesPerRead</c> bytes a read,
    /// counts reads, records the most bytes a read asked for and refuses to be read asynchronously.
    /// </summary>
    internal sealed class PieceStream(IEnumerable<byte[]> pieces, int bytesPerRead = int.MaxValue) : ReadOnlyStream
    {
        private readonly IEnumerator<byte[]> _pieces = pieces.GetEnumerator();
        private byte[] _piece = [];
        private int _offset;

        public int Reads { get; private set; }
        public long BytesRead { get; private set; }
        public int LargestRequest { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            LargestRequest = Math.Max(LargestRequest, count);
            var given = 0;
            var wanted = Math.Min(count, bytesPerRead);
            while (given < wanted)
            {
                if (_offset == _piece.Length)
                {
                    if (!_pieces.MoveNext()) break;
                    _piece = _pieces.Current;
                    _offset = 0;
                    continue;
                }
                var length = Math.Min(wanted - given, _piece.Length - _offset);
                Array.Copy(_piece, _offset, buffer, offset + given, length);
                _offset += length;
                given += length;
            }
            BytesRead += given;
            return given;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Read with blocking calls only.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Read with blocking calls only.");

        public override IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
            throw new NotSupportedException("Read with blocking calls only.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) _pieces.Dispose();
            base.Dispose(disposing);
        }
    }
}
