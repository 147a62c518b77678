using Sixtyfour.Client;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class WatchedStreamTests
    {
        /// <summary>Far beyond any limit these tests set: a read still blocked then was never interrupted.</summary>
        private static readonly TimeSpan Never = TimeSpan.FromSeconds(20);

        [Fact]
        public async Task A_read_that_waits_past_the_limit_closes_the_body_and_times_out()
        {
            var inner = new GatedStream();
            using var watched = new WatchedStream(inner, TimeSpan.FromMilliseconds(200), CancellationToken.None);
            var read = Task.Run(() => watched.Read(new byte[16], 0, 16));
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(Never)));
            var error = await Assert.ThrowsAsync<TimeoutException>(() => read);
            Assert.Equal("The download stalled: no data for 0.2 s.", error.Message);
            Assert.True(inner.Disposed);
        }

        /// <summary>Some bodies end quietly once closed: that is a stop too, not the end of the file.</summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_stop_during_a_read_closes_the_body_and_is_a_cancellation(bool endsQuietlyWhenClosed)
        {
            var inner = new GatedStream { EndsQuietlyWhenClosed = endsQuietlyWhenClosed };
            using var stop = new CancellationTokenSource();
            using var watched = new WatchedStream(inner, TimeSpan.FromSeconds(100), stop.Token);
            var read = Task.Run(() => watched.Read(new byte[16], 0, 16));
            Assert.True(inner.Reading.Wait(Never));
            stop.Cancel();
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(Never)));
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
            Assert.Equal(stop.Token, error.CancellationToken);
            Assert.True(inner.Disposed);
        }

        /// <summary>A pipeline may take its time over each row: only waiting inside a read is a stall.</summary>
        [Fact]
        public void Time_between_reads_does_not_count()
        {
            var inner = new GatedStream();
            inner.Provide(new byte[] { 1 }, new byte[] { 2 });
            using var watched = new WatchedStream(inner, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            var buffer = new byte[16];
            Assert.Equal(1, watched.Read(buffer, 0, 16));
            Thread.Sleep(1000);
            Assert.Equal(1, watched.Read(buffer, 0, 16));
            Assert.Equal(2, buffer[0]);
            Assert.False(inner.Disposed);
        }

        [Fact]
        public void A_stop_before_the_first_read_fails_it_at_once()
        {
            var inner = new GatedStream();
            inner.Provide(new byte[] { 1 });
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            using var watched = new WatchedStream(inner, TimeSpan.FromSeconds(100), stop.Token);
            Assert.ThrowsAny<OperationCanceledException>(() => watched.Read(new byte[16], 0, 16));
        }

        /// <summary>A body whose reads block until bytes are provided or it is closed, as a socket's do.</summary>
        private sealed class GatedStream : ReadOnlyStream
        {
            private readonly Queue<byte[]> _chunks = new Queue<byte[]>();
            private readonly ManualResetEventSlim _closed = new ManualResetEventSlim();

            public ManualResetEventSlim Reading { get; } = new ManualResetEventSlim();
            public bool EndsQuietlyWhenClosed { get; init; }
            public bool Disposed => _closed.IsSet;

            public void Provide(params byte[][] chunks)
            {
                lock (_chunks) foreach (var chunk in chunks) _chunks.Enqueue(chunk);
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Reading.Set();
                lock (_chunks)
                {
                    if (!_closed.IsSet && _chunks.Count > 0)
                    {
                        var chunk = _chunks.Dequeue();
                        chunk.CopyTo(buffer, offset);
                        return chunk.Length;
                    }
                }
                _closed.Wait();
                if (EndsQuietlyWhenClosed) return 0;
                throw new ObjectDisposedException(nameof(GatedStream));
            }

            protected override void Dispose(bool disposing)
            {
                _closed.Set();
                base.Dispose(disposing);
            }
        }
    }
}
