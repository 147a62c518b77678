using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>
    /// Streams result files to disk: to a temporary name first, size checked, then renamed, so a file under its final
    /// name is always complete. Memory stays at one buffer whatever the file's size.
    /// </summary>
    /// <summary>A saved result file, and whether it was already there with the same bytes.</summary>
    internal sealed class SavedFile
    {
        public SavedFile(FileInfo file, bool unchanged)
        {
            File = file;
            Unchanged = unchanged;
        }

        public FileInfo File { get; }
        public bool Unchanged { get; }
    }

    /// <summary>A different file already has the result's name.</summary>
    public sealed class ResultFileExistsException : PermanentTransferException
    {
        public ResultFileExistsException(string path) : base($"'{path}' already exists and differs from the result.") => Path = path;

        public string Path { get; }
    }

    /// <summary>The local disk refused the result (full, read-only, no permission): no new download can fix that.</summary>
    public sealed class OutputNotWritableException : PermanentTransferException
    {
        public OutputNotWritableException(string path, Exception error) : base(error.Message, error) => Path = path;

        public string Path { get; }
    }

    /// <summary>The server sent more than the size it announced: the same link would do so again.</summary>
    public sealed class ResultSizeMismatchException : PermanentTransferException
    {
        public ResultSizeMismatchException(string filename, long announced)
            : base($"The server sent more than the {announced:N0} bytes it announced for {filename}; the download was stopped there.") { }
    }

    internal sealed class ResultDownloader
    {
        private const int BufferSize = 1024 * 1024;
        private readonly SixtyfourApi _api;

        public ResultDownloader(SixtyfourApi api) => _api = api;

        /// <summary>
        /// Saves <paramref name="link"/> into <paramref name="directory"/>; <paramref name="progress"/>, when given, gets (bytes so
        /// far, expected bytes or null). A file already there with the same bytes is kept as it is; one that differs is
        /// replaced only with <paramref name="force"/>.
        /// </summary>
        public async Task<SavedFile> SaveAsync(SfResultLink link, string directory, bool force, Action<long, long?>? progress, CancellationToken cancellationToken)
        {
            var target = Path.Combine(directory, SafeFileName(link.Filename));
            var existing = new FileInfo(target);
            // A size that differs already proves a conflict: no need to download to find out.
            if (existing.Exists && !force && link.FileSize is long announced && announced != existing.Length)
                throw new ResultFileExistsException(target);

            var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
            try
            {
                using (var file = OnDisk(target, () => new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None)))
                using (var same = existing.Exists ? OnDisk(target, () => new SameBytes(target, BufferSize)) : null)
                {
                    // Synchronous, unbuffered writes of whole chunks: on Linux "asynchronous" file I/O is emulated on the
                    // thread pool and halves throughput, and the chunks are already large.
                    var source = new LinkSource(this, link);
                    RangeConditionHeaderValue? sameFile = null;
                    await TransferAsync(link, async token =>
                    {
                        // The bytes kept from a try before are asked for no more: the rest only, if the server allows.
                        var kept = file.Length;
                        using var response = await source.OpenAsync(kept, sameFile, token).ConfigureAwait(false);
                        var range = response.Content.Headers.ContentRange;
                        var resumed = kept > 0 && response.StatusCode == HttpStatusCode.PartialContent && range?.From == kept;
                        if (!resumed)
                        {
                            kept = 0;
                            OnDisk(target, () => { file.SetLength(0); return true; });
                        }
                        file.Position = kept;
                        sameFile ??= Validator(response);
                        var expected = link.FileSize ?? (resumed ? range!.Length : response.Content.Headers.ContentLength);
                        using var body = await WatchedBodyAsync(response, token).ConfigureAwait(false);
                        var written = await Task.Factory.StartNew(() => Copy(body, file, same, target, link.Filename, kept, expected, progress),
                            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                        if (expected is long size && written != size)
                            throw new IOException($"The download of {link.Filename} ended after {written} of {size} bytes.");
                        return written;
                    }, cancellationToken).ConfigureAwait(false);
                    if (same != null)
                    {
                        if (same.Through(file.Length)) return new SavedFile(new FileInfo(target), unchanged: true);
                        if (!force) throw new ResultFileExistsException(target);
                    }
                }
                OnDisk(target, () => { Commit(partial, target); return true; });
                return new SavedFile(new FileInfo(target), unchanged: false);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }

        /// <summary>
        /// Reads a result file: <paramref name="read"/> gets the body of each try, from its first byte, to read with
        /// blocking calls (a stall or a stop makes the read under way fail). A transfer that breaks off is tried again
        /// as the retry policy allows; the reader skips what it already handed on.
        /// </summary>
        public Task ReadAsync(SfResultLink link, Func<Stream, CancellationToken, Task> read, CancellationToken cancellationToken)
        {
            var source = new LinkSource(this, link);
            return TransferAsync(link, async token =>
            {
                using var response = await source.OpenAsync(0, null, token).ConfigureAwait(false);
                using var body = await WatchedBodyAsync(response, token).ConfigureAwait(false);
                await read(body, token).ConfigureAwait(false);
                return true;
            }, cancellationToken);
        }

        /// <summary>
        /// A transfer's tries, in the one retry engine and with its one budget: each try is one GET (the link's one
        /// refresh aside), so -MaxRetryCount N means at most N+1 of them, and -MaxRetryTimeSec bounds them all.
        /// </summary>
        private Task<T> TransferAsync<T>(SfResultLink link, Func<CancellationToken, Task<T>> transfer, CancellationToken cancellationToken)
        {
            var policy = _api.Client.Options.Retry;
            return policy.RunAsync($"the download of {link.Filename}", (_, token) => transfer(token),
                e => !(e is PermanentTransferException) && policy.ShouldRetry(idempotent: true, (e as SixtyfourApiException)?.StatusCode, e),
                _api.Client.Log, cancellationToken);
        }

        /// <summary>
        /// A response's body, to read with blocking calls under a stall limit rather than one for the whole transfer: a
        /// 1 GB file may take long, a silent connection must not.
        /// </summary>
        private async Task<Stream> WatchedBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
            new WatchedStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), _api.Client.Options.RequestTimeout, cancellationToken);

        /// <summary>What makes a resumed range safe: the same file, told by a strong ETag or the modification date.</summary>
        private static RangeConditionHeaderValue? Validator(HttpResponseMessage response)
        {
            if (response.Headers.ETag is EntityTagHeaderValue tag && !tag.IsWeak) return new RangeConditionHeaderValue(tag);
            return response.Content.Headers.LastModified is DateTimeOffset modified ? new RangeConditionHeaderValue(modified) : null;
        }

        /// <summary>Opens <paramref name="link"/> once, with its one refresh when the signed URL has expired.</summary>
        public Task<HttpResponseMessage> OpenAsync(SfResultLink link, CancellationToken cancellationToken) =>
            new LinkSource(this, link).OpenAsync(0, null, cancellationToken);

        /// <summary>
        /// A result file's URL across the tries of one transfer. Signed URLs expire after 15 minutes, and storage says
        /// so with 400, 401 or 403 depending on who signed them, so a link that answers any of these is asked for anew,
        /// once per transfer; later tries use the renewed URL.
        /// </summary>
        private sealed class LinkSource
        {
            private readonly ResultDownloader _owner;
            private readonly SfResultLink _link;
            private string? _url;
            private bool _renewed;

            public LinkSource(ResultDownloader owner, SfResultLink link)
            {
                _owner = owner;
                _link = link;
                _url = link.DownloadUrl;
            }

            public async Task<HttpResponseMessage> OpenAsync(long from, RangeConditionHeaderValue? ifRange, CancellationToken cancellationToken)
            {
                if (!Uri.TryCreate(_url, UriKind.Absolute, out var url)) throw new UnsupportedDownloadUrlException(_link.Filename);
                var client = _owner._api.Client;
                try
                {
                    return await client.OpenDownloadAsync(url, cancellationToken, from, ifRange).ConfigureAwait(false);
                }
                catch (SixtyfourApiException e) when (IsExpiredLink(e.StatusCode) && !_renewed && !string.IsNullOrEmpty(_link.JobId))
                {
                    _renewed = true;
                    var fresh = (await _owner._api.GetResultLinksAsync(_link, cancellationToken).ConfigureAwait(false))
                        .FirstOrDefault(l => l.BlockNumber == _link.BlockNumber && l.Filename == _link.Filename);
                    if (!Uri.TryCreate(fresh?.DownloadUrl, UriKind.Absolute, out var renewed)) throw;
                    _url = fresh!.DownloadUrl;
                    return await client.OpenDownloadAsync(renewed, cancellationToken, from, ifRange).ConfigureAwait(false);
                }
            }
        }

        private static bool IsExpiredLink(HttpStatusCode status) =>
            status == HttpStatusCode.BadRequest || status == HttpStatusCode.Unauthorized || status == HttpStatusCode.Forbidden;

        /// <summary>
        /// Copies a watched body (<see cref="WatchedBodyAsync"/>). Per chunk only the write, the size check and a progress
        /// call happen; nothing is flushed or read back. It runs on a thread of its own with blocking reads: awaiting each
        /// read handed every chunk from the socket thread to a pool thread, and on two cores the pool's spinning took CPU
        /// a local server needed.
        /// </summary>
        private static long Copy(Stream body, Stream file, SameBytes? same, string target, string filename, long written, long? expected,
            Action<long, long?>? progress)
        {
            var buffer = new byte[BufferSize];
            same?.Restart(written);
            while (true)
            {
                var read = body.Read(buffer, 0, buffer.Length);
                if (read == 0) return written;
                // Stop as soon as the announced size is passed, not after the whole (possibly endless) body.
                if (expected is long size && written + read > size) throw new ResultSizeMismatchException(filename, size);
                try
                {
                    file.Write(buffer, 0, read);
                    same?.Compare(buffer, read);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new OutputNotWritableException(target, e);
                }
                written += read;
                progress?.Invoke(written, expected);
            }
        }

        /// <summary>
        /// Whether the bytes downloaded are those of a file already under the result's name, compared as they arrive:
        /// deciding "unchanged" reads the existing file once and the download never again.
        /// </summary>
        private sealed class SameBytes : IDisposable
        {
            private readonly FileStream _existing;
            private readonly byte[] _buffer;
            private bool _same;

            public SameBytes(string path, int bufferSize)
            {
                _existing = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                _buffer = new byte[bufferSize];
            }

            /// <summary>A try that starts at <paramref name="from"/>: 0 starts over, more resumes after bytes already compared.</summary>
            public void Restart(long from)
            {
                if (from == 0) _same = true;
                if (_same) _existing.Position = from;
            }

            public void Compare(byte[] data, int count)
            {
                if (!_same) return;
                var n = 0;
                while (n < count)
                {
                    var r = _existing.Read(_buffer, n, count - n);
                    if (r == 0) break;
                    n += r;
                }
                _same = n == count && new ReadOnlySpan<byte>(_buffer, 0, n).SequenceEqual(new ReadOnlySpan<byte>(data, 0, n));
            }

            /// <summary>True when every byte matched and the existing file ends where the download did.</summary>
            public bool Through(long length) => _same && _existing.Length == length;

            public void Dispose() => _existing.Dispose();
        }

        private static void Commit(string partial, string target)
        {
            if (File.Exists(target)) File.Replace(partial, target, null);
            else File.Move(partial, target);
        }

        /// <summary>A write to the local disk, whose failure is the disk's, not the transfer's: it is not retried.</summary>
        private static T OnDisk<T>(string target, Func<T> write)
        {
            try
            {
                return write();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OutputNotWritableException(target, e);
            }
        }

        /// <summary>A server-given name must not choose where the file lands: no folders, no invalid or reserved names.</summary>
        public static string SafeFileName(string name)
        {
            var leaf = (name ?? string.Empty).Replace('\\', '/');
            leaf = leaf.Substring(leaf.LastIndexOf('/') + 1);
            var chars = leaf.ToCharArray();
            var invalid = Path.GetInvalidFileNameChars();
            for (var i = 0; i < chars.Length; i++)
                if (Array.IndexOf(invalid, chars[i]) >= 0 || chars[i] < 32 || chars[i] == ':' || chars[i] == '*' || chars[i] == '?' || chars[i] == '"' || chars[i] == '<' || chars[i] == '>' || chars[i] == '|')
                    chars[i] = '_';
            leaf = new string(chars).Trim().TrimEnd('.');
            if (leaf.Length == 0 || leaf == "." || leaf == "..") leaf = "result";
            if (IsReservedDeviceName(leaf)) leaf = "_" + leaf;
            return Shortened(leaf);
        }

        /// <summary>
        /// Most file systems allow 255 bytes a name; the temporary name adds 42 characters. A longer name keeps its
        /// start and extension and gets a hash of the whole, so two long names stay apart.
        /// </summary>
        private static string Shortened(string leaf)
        {
            const int MaxBytes = 200;
            if (Encoding.UTF8.GetByteCount(leaf) <= MaxBytes) return leaf;
            var extension = Path.GetExtension(leaf);
            if (extension.Length > 16) extension = string.Empty;
            var tag = "~" + Fnv1a(leaf).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + extension;
            var stem = leaf.Substring(0, leaf.Length - extension.Length);
            while (stem.Length > 0 && Encoding.UTF8.GetByteCount(stem) + Encoding.UTF8.GetByteCount(tag) > MaxBytes)
                stem = stem.Substring(0, char.IsLowSurrogate(stem[stem.Length - 1]) && stem.Length > 1 ? stem.Length - 2 : stem.Length - 1);
            return stem + tag;
        }

        private static uint Fnv1a(string text)
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619u;
            return hash;
        }

        /// <summary>
        /// Names Windows keeps for devices, whatever follows the first dot and with trailing spaces ignored
        /// ("nul.tar.csv", "CON .csv"), superscript digits included ("COM¹").
        /// </summary>
        private static bool IsReservedDeviceName(string leaf)
        {
            var dot = leaf.IndexOf('.');
            var stem = (dot < 0 ? leaf : leaf.Substring(0, dot)).TrimEnd(' ').ToUpperInvariant();
            if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL" || stem == "CONIN$" || stem == "CONOUT$") return true;
            return stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal))
                && ((stem[3] >= '0' && stem[3] <= '9') || stem[3] == '\u00B9' || stem[3] == '\u00B2' || stem[3] == '\u00B3');
        }
    }
}
