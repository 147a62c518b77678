using System.Net;
using System.Text;

namespace Sixtyfour.Tests
{
    /// <summary>
    /// A scripted HTTP server on a loopback port: each request gets the next scripted answer, and every request is
    /// recorded so tests can see what the client really sent.
    /// </summary>
    internal sealed class FakeApi : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Queue<Action<HttpListenerContext>> _script = new Queue<Action<HttpListenerContext>>();
        private readonly Task _loop;

        public FakeApi()
        {
            // A listener that failed to start is disposed by HttpListener itself: each try needs a new one.
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20000, 60000);
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                var listener = new HttpListener();
                listener.Prefixes.Add(BaseUri.ToString());
                try
                {
                    listener.Start();
                    _listener = listener;
                    break;
                }
                catch (HttpListenerException) when (attempt < 20) { }
            }
            _loop = Task.Run(ServeAsync);
        }

        public Uri BaseUri { get; }
        public List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

        /// <summary>
        /// Answers every request whose path starts with <paramref name="pathPrefix"/> (longest prefix first), before
        /// the script: for requests whose order is not fixed, such as the polls of several waits.
        /// </summary>
        public FakeApi Route(string pathPrefix, int status, string body)
        {
            lock (_routes) _routes[pathPrefix] = context => Write(context, status, body, null);
            return this;
        }

        private readonly Dictionary<string, Action<HttpListenerContext>> _routes = new Dictionary<string, Action<HttpListenerContext>>();

        private static void Write(HttpListenerContext context, int status, string body, IDictionary<string, string>? headers)
        {
            context.Response.StatusCode = status;
            if (headers != null) foreach (var h in headers) context.Response.Headers[h.Key] = h.Value;
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }

        public FakeApi Respond(int status, string body = "{}", IDictionary<string, string>? headers = null)
        {
            lock (_script) _script.Enqueue(context => Write(context, status, body, headers));
            return this;
        }

        /// <summary>Says nothing for <paramref name="silence"/>, then drops the connection: a client with a shorter timeout never gets headers.</summary>
        public FakeApi RespondNever(TimeSpan silence)
        {
            lock (_script)
                _script.Enqueue(context => _ = Task.Delay(silence).ContinueWith(_ => { try { context.Response.Abort(); } catch (Exception) { } }));
            return this;
        }

        /// <summary>Answers with headers promising more bytes than it sends, then drops the connection.</summary>
        public FakeApi RespondTruncated(string body, int promised, IDictionary<string, string>? headers = null)
        {
            lock (_script)
                _script.Enqueue(context =>
                {
                    context.Response.StatusCode = 200;
                    if (headers != null) foreach (var h in headers) context.Response.Headers[h.Key] = h.Value;
                    context.Response.ContentLength64 = promised;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                    context.Response.Abort();
                });
            return this;
        }

        /// <summary>
        /// Answers with headers and the first bytes of a longer body, then says nothing more for <paramref name="silence"/>
        /// before dropping the connection: a transfer that stalls midway.
        /// </summary>
        public FakeApi RespondStalled(string body, int promised, TimeSpan silence)
        {
            lock (_script)
                _script.Enqueue(context =>
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentLength64 = promised;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                    context.Response.OutputStream.Flush();
                    _ = Task.Delay(silence).ContinueWith(_ => { try { context.Response.Abort(); } catch (Exception) { } });
                });
            return this;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var body = await reader.ReadToEndAsync();
                    lock (Requests)
                        Requests.Add(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery,
                            context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase), body));
                }
                Action<HttpListenerContext>? answer;
                lock (_routes)
                    answer = _routes.Where(r => context.Request.Url!.AbsolutePath.StartsWith(r.Key, StringComparison.Ordinal))
                        .OrderByDescending(r => r.Key.Length).Select(r => r.Value).FirstOrDefault();
                if (answer is null) lock (_script) answer = _script.Count > 0 ? _script.Dequeue() : null;
                if (answer is null) { context.Response.StatusCode = 599; context.Response.Close(); }
                else answer(context);
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }

    internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
}
