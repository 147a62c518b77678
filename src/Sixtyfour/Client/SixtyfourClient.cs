using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Serialization;

namespace Sixtyfour.Client
{
    /// <summary>
    /// The one HTTP core: every request of every cmdlet goes through here, so retries, timeouts, error mapping and the
    /// rule that the key goes only to the API's host live in one place.
    /// </summary>
    internal sealed class SixtyfourClient
    {
        private const int MaxErrorBodyChars = 64 * 1024;

        /// <summary>Redirects a download may take (storage redirects once or twice); each is followed by hand.</summary>
        private const int MaxRedirects = 5;

        // One handler per process: sockets are pooled across cmdlets and runspaces. Nothing follows redirects on its
        // own, because HttpClient would carry the x-api-key header to wherever the redirect points.
        private static readonly HttpClient Http = CreateHttp();

        private static readonly string UserAgent =
            $"Sixtyfour-PowerShell/{typeof(SixtyfourClient).Assembly.GetName().Version?.ToString(3)}";

        private readonly Action<string>? _log;

        /// <summary>Where the HTTP core tells what it does (the cmdlets' verbose stream).</summary>
        internal Action<string>? Log => _log;

        public SixtyfourClient(SixtyfourConnection connection, SixtyfourClientOptions options, Action<string>? log = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _log = log;
        }

        public SixtyfourConnection Connection { get; }
        public SixtyfourClientOptions Options { get; }

        public Task<T> GetAsync<T>(string path, QueryString? query, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Get, path, query, null, idempotent: true, ReadJson<T>, cancellationToken);

        /// <summary>POSTs <paramref name="content"/> (made anew for each attempt) and reads a JSON answer.</summary>
        public Task<T> PostAsync<T>(string path, QueryString? query, Func<HttpContent>? content, bool idempotent, CancellationToken cancellationToken,
            string? idempotencyKey = null) =>
            SendAsync(HttpMethod.Post, path, query, content, idempotent, ReadJson<T>, cancellationToken, idempotencyKey);

        /// <summary>Any other method with a JSON answer (PATCH, DELETE); PATCH and DELETE set state, so repeating them is safe.</summary>
        public Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken) =>
            SendAsync(method, path, null, content, idempotent: true, ReadJson<T>, cancellationToken);

        /// <summary>As <see cref="SendAsync{T}(HttpMethod, string, Func{HttpContent}?, CancellationToken)"/>, for answers whose body does not matter (a 204, a deleted record).</summary>
        public Task SendAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken) =>
            SendAsync(method, path, null, content, idempotent: true, (_, _) => Task.FromResult(true), cancellationToken);

        /// <summary>
        /// Opens a download URL, once: the transfer's own loop (<see cref="ResultDownloader"/>) retries the whole of it,
        /// so nothing is retried inside a retry. <paramref name="from"/> asks for the bytes from there on (Range),
        /// under <paramref name="ifRange"/> when given; the answer says whether the server honoured it (206) or not (200).
        /// A URL on the API's own origin gets the key, as the overview's <c>curl -H "x-api-key: ..." DOWNLOAD_URL</c>
        /// sends it; any other origin never does, and neither does a redirect, wherever it points. Only http and https
        /// are followed. The caller owns the response and streams its body.
        /// </summary>
        public async Task<HttpResponseMessage> OpenDownloadAsync(Uri url, CancellationToken cancellationToken, long from = 0, RangeConditionHeaderValue? ifRange = null)
        {
            var withKey = Connection.IsApiHost(url);
            for (var hop = 0; ; hop++)
            {
                if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    throw new UnsupportedDownloadUrlException(url, hop > 0);
                var target = url;
                var response = await SendOnceAsync(() =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, target);
                        if (from > 0)
                        {
                            request.Headers.Range = new RangeHeaderValue(from, null);
                            request.Headers.IfRange = ifRange;
                        }
                        return request;
                    }, withKey, (answer, _) => Task.FromResult(answer), disposeResponse: false, 1, cancellationToken, acceptRedirect: true).ConfigureAwait(false);
                var location = IsRedirect(response.StatusCode) ? response.Headers.Location : null;
                if (location is null) return response;
                response.Dispose();
                if (hop == MaxRedirects) throw new HttpRequestException($"The download of {Describe(target)} was redirected more than {MaxRedirects} times.");
                url = location.IsAbsoluteUri ? location : new Uri(target, location);
                withKey = false;
            }
        }

        private Task<T> SendAsync<T>(HttpMethod method, string path, QueryString? query, Func<HttpContent>? content, bool idempotent,
            Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken, string? idempotencyKey = null)
        {
            var uri = new Uri(Connection.BaseUri, path.TrimStart('/') + query);
            var retry = Options.Retry;
            return retry.RunAsync($"{method} {Describe(uri)}", (attempt, token) => SendOnceAsync(() =>
                {
                    var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    if (idempotencyKey != null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
                    return request;
                }, withKey: true, read, disposeResponse: true, attempt, token),
                e => retry.ShouldRetry(idempotent, (e as SixtyfourApiException)?.StatusCode, e), _log, cancellationToken);
        }

        /// <summary>One try of one request: a non-success answer becomes a <see cref="SixtyfourApiException"/>, a silent server a <see cref="TimeoutException"/>.</summary>
        private async Task<T> SendOnceAsync<T>(Func<HttpRequestMessage> build, bool withKey,
            Func<HttpResponseMessage, CancellationToken, Task<T>> read, bool disposeResponse, int attempt, CancellationToken cancellationToken, bool acceptRedirect = false)
        {
            using var request = build();
            if (withKey)
            {
                // Belt and braces: the URI was built from the base URI, but the key must never depend on that.
                if (!Connection.IsApiHost(request.RequestUri!)) throw new InvalidOperationException("Refusing to send the API key to a host other than the API's.");
                request.Headers.TryAddWithoutValidation("x-api-key", Connection.RevealKey());
            }
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            HttpResponseMessage? response = null;
            try
            {
                var clock = Stopwatch.StartNew();
                response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                _log?.Invoke($"{request.Method} {Describe(request.RequestUri!)} -> {(int)response.StatusCode} ({clock.Elapsed.TotalMilliseconds:0} ms, attempt {attempt})");
                if (response.IsSuccessStatusCode || (acceptRedirect && IsRedirect(response.StatusCode)))
                {
                    var result = await read(response, timeout.Token).ConfigureAwait(false);
                    if (disposeResponse) response.Dispose();
                    response = null;
                    return result;
                }
                throw await ToApiExceptionAsync(request, response, RetryAfterOf(response), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.Method} {Describe(request.RequestUri!)} did not answer within {Options.RequestTimeout.TotalSeconds:0.#} s.");
            }
            finally
            {
                response?.Dispose();
            }
        }

        private static async Task<T> ReadJson<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var value = await JsonSerializer.DeserializeAsync<T>(body, SixtyfourJson.Options, cancellationToken).ConfigureAwait(false);
            return value ?? throw new InvalidDataException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered with an empty body.");
        }

        private static async Task<SixtyfourApiException> ToApiExceptionAsync(HttpRequestMessage request, HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
        {
            string? body = null;
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[MaxErrorBodyChars];
                var read = await reader.ReadBlockAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                body = new string(buffer, 0, read);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                // The status alone still says what happened.
            }
            cancellationToken.ThrowIfCancellationRequested();
            var detail = ErrorBody.Detail(body) ?? response.ReasonPhrase ?? response.StatusCode.ToString();
            return new SixtyfourApiException(response.StatusCode, request.Method.Method, Redact(request.RequestUri!), detail, body, retryAfter);
        }

        private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date) return date - DateTimeOffset.UtcNow;
            return null;
        }

        /// <summary>Signed URLs carry their signature in the query: never log or report it.</summary>
        private static Uri Redact(Uri uri) => new Uri(uri.GetLeftPart(UriPartial.Path));

        private static string Describe(Uri uri) => Redact(uri).AbsoluteUri;

        private static bool IsRedirect(HttpStatusCode status) => (int)status >= 300 && (int)status < 400 && status != HttpStatusCode.NotModified;

        private static HttpClient CreateHttp()
        {
            var handler = SocketsHandlerWithoutDraining() ?? new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            // Timeouts are ours (per request, and stalls for transfers): HttpClient's 100 s total would cap large downloads.
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        /// <summary>
        /// On .NET (PowerShell 7), the handler HttpClientHandler wraps, set as above and with one setting it does not
        /// offer: no draining. Result bodies are read with blocking reads, which a stall or Ctrl+C ends by closing the
        /// body; with less than 1 MB left, closing it would first read on for up to 2 s to keep the connection, and the
        /// read would wait that long. Null on .NET Framework, which has no such handler.
        /// </summary>
        private static HttpMessageHandler? SocketsHandlerWithoutDraining()
        {
            var type = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
            if (type is null) return null;
            var handler = (HttpMessageHandler)Activator.CreateInstance(type)!;
            void Set(string name, object value) => type.GetProperty(name)!.SetValue(handler, value);
            Set("AllowAutoRedirect", false);
            Set("AutomaticDecompression", DecompressionMethods.GZip | DecompressionMethods.Deflate);
            Set("UseCookies", false);
            Set("MaxResponseDrainSize", 0);
            return handler;
        }
    }

    /// <summary>A transfer failure that trying again cannot fix: it is reported at once, never retried.</summary>
    public abstract class PermanentTransferException : IOException
    {
        protected PermanentTransferException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>A result's download URL, or a redirect from it, that is not http or https (file://, ftp://), or no URL at all.</summary>
    public sealed class UnsupportedDownloadUrlException : PermanentTransferException
    {
        public UnsupportedDownloadUrlException(Uri url, bool redirected)
            : base($"{(redirected ? "The download was redirected to" : "The download URL is")} a {(url.IsAbsoluteUri ? url.Scheme + ":" : "relative")} address; only http and https are fetched.") { }

        public UnsupportedDownloadUrlException(string filename)
            : base($"The download URL of {filename} is not an absolute http or https address.") { }
    }
}
