using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>One request the receiver got: its headers and raw body.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A local HTTP endpoint (HttpListener on a free loopback port) that records webhook deliveries and
/// answers with the queued status codes, then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> statuses = new();
    private readonly Task loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The next deliveries get these statuses, in order; after them, 200.</summary>
    public void RespondWith(params int[] codes)
    {
        foreach (var code in codes)
        {
            statuses.Enqueue(code);
        }
    }

    /// <summary>Waits until <paramref name="count"/> deliveries have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {Received.Count} of {count} webhook deliveries arrived");
            await Task.Delay(20);
        }

        return [.. Received];
    }

    public void Dispose() => listener.Close();

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.ToDictionary(name => name!, name => context.Request.Headers[name]!, StringComparer.OrdinalIgnoreCase);
            Received.Enqueue(new ReceivedWebhook(headers, body));
            context.Response.StatusCode = statuses.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }
}
