using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Webhooks;

/// <summary>
/// Delivers one webhook event (D-sig): POSTs the body with <c>Sixtyfour-Event-Id</c>,
/// <c>Sixtyfour-Event-Type</c>, <c>Sixtyfour-Delivery-Attempt</c> (from 1) and, when a signing
/// secret exists, <c>Sixtyfour-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c> where each v1 is
/// HMAC-SHA256(secret, "t.body") — one per signing secret, so two during a roll's overlap. A non-2xx
/// answer or a network error is retried with exponential backoff, <see cref="MaxAttempts"/> attempts in all.
/// </summary>
public sealed class WebhookSender(EmulatorOptions options, SigningSecretStore secrets, TimeProvider timeProvider, ILogger<WebhookSender> logger) : IDisposable
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient client = new() { Timeout = AttemptTimeout };

    /// <summary>Sends <paramref name="body"/> (JSON) to <paramref name="url"/>; throws <see cref="WebhookDeliveryException"/> when every attempt failed.</summary>
    public async Task DeliverAsync(Uri url, string eventId, string eventType, byte[] body, CancellationToken cancellationToken)
    {
        string failure = string.Empty;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("Sixtyfour-Event-Id", eventId);
            request.Headers.Add("Sixtyfour-Event-Type", eventType);
            request.Headers.Add("Sixtyfour-Delivery-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
            if (Signature(body) is { } signature)
            {
                request.Headers.TryAddWithoutValidation("Sixtyfour-Signature", signature);
            }

            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = exception.Message;
            }

            logger.LogInformation("Webhook {EventId} attempt {Attempt} to {Url} failed: {Failure}", eventId, attempt, url, failure);
            if (attempt < MaxAttempts)
            {
                await Task.Delay(options.WebhookBackoff * Math.Pow(2, attempt - 1), timeProvider, cancellationToken);
            }
        }

        throw new WebhookDeliveryException($"Delivery to {url} failed after {MaxAttempts} attempts; last: {failure}.");
    }

    /// <summary>The signature header for <paramref name="body"/> now, or null when no secret exists (unsigned delivery).</summary>
    public string? Signature(byte[] body)
    {
        var keys = secrets.SigningKeys();
        if (keys.Count == 0)
        {
            return null;
        }

        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        return $"t={timestamp}," + string.Join(',', keys.Select(key => "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Plaintext), signed))));
    }

    public void Dispose() => client.Dispose();
}

/// <summary>Every delivery attempt failed; fails the block that sent it.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
