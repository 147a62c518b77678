using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>
    /// Streams result files to disk: to a temporary name first, size checked, then renamed, so a file under its final
    /// name is always complete. Memory stays at one buffer whatever the file's size.
    /// </summary>
    public sealed class ResultDownloader
    {
        private const int BufferSize = 128 * 1024;
        private readonly SixtyfourApi _api;

        public ResultDownloader(SixtyfourApi api) => _api = api;

        /// <summary>Saves <paramref name="link"/> into <paramref name="directory"/>; <paramref name="progress"/> gets (bytes so far, expected bytes or null).</summary>
        public async Task<FileInfo> SaveAsync(SfResultLink link, string directory, bool force, Action<long, long?> progress, CancellationToken cancellationToken)
        {
            var target = Path.Combine(directory, SafeFileName(link.Filename));
            if (File.Exists(target) && !force)
                throw new IOException($"'{target}' already exists. Use -Force to overwrite it.", unchecked((int)0x80070050));

            var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
            try
            {
                using (var response = await OpenAsync(link, cancellationToken).ConfigureAwait(false))
                {
                    var expected = link.FileSize ?? response.Content.Headers.ContentLength;
                    using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
                    var written = await CopyAsync(body, file, expected, progress, cancellationToken).ConfigureAwait(false);
                    if (expected is long size && written != size)
                        throw new IOException($"The download of {link.Filename} ended after {written} of {size} bytes.");
                }
                Commit(partial, target);
                return new FileInfo(target);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }

        /// <summary>
        /// Opens a result file. Signed URLs expire after 15 minutes, so a link that answers 403 is asked for anew once.
        /// </summary>
        public async Task<HttpResponseMessage> OpenAsync(SfResultLink link, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(link.DownloadUrl))
                throw new InvalidDataException($"The API gave no download URL for {link.Filename}{(string.IsNullOrEmpty(link.Message) ? "" : ": " + link.Message)}.");
            try
            {
                return await _api.Client.OpenDownloadAsync(new Uri(link.DownloadUrl), cancellationToken).ConfigureAwait(false);
            }
            catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.Forbidden && !string.IsNullOrEmpty(link.JobId))
            {
                var fresh = (await _api.GetResultLinksAsync(link.JobId, link.Format, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(l => l.BlockNumber == link.BlockNumber && l.Filename == link.Filename);
                if (fresh?.DownloadUrl is null) throw;
                return await _api.Client.OpenDownloadAsync(new Uri(fresh.DownloadUrl), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Copies with a stall timeout per read rather than one for the whole transfer: a 1 GB file may take long,
        /// a silent connection must not.
        /// </summary>
        private async Task<long> CopyAsync(Stream body, Stream file, long? expected, Action<long, long?> progress, CancellationToken cancellationToken)
        {
            var buffer = new byte[BufferSize];
            long written = 0;
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                stall.CancelAfter(_api.Client.Options.RequestTimeout);
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The download stalled: no data for {_api.Client.Options.RequestTimeout.TotalSeconds:0.#} s.");
                }
                if (read == 0) return written;
                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                written += read;
                progress(written, expected);
            }
        }

        private static void Commit(string partial, string target)
        {
            if (File.Exists(target)) File.Replace(partial, target, null);
            else File.Move(partial, target);
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
            var stem = Path.GetFileNameWithoutExtension(leaf);
            if (IsReservedDeviceName(stem)) leaf = "_" + leaf;
            return leaf;
        }

        private static bool IsReservedDeviceName(string stem)
        {
            var upper = stem.ToUpperInvariant();
            return upper == "CON" || upper == "PRN" || upper == "AUX" || upper == "NUL"
                || (upper.Length == 4 && (upper.StartsWith("COM", StringComparison.Ordinal) || upper.StartsWith("LPT", StringComparison.Ordinal)) && char.IsDigit(upper[3]));
        }
    }
}
