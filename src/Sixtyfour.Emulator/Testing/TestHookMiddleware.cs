using Microsoft.AspNetCore.WebUtilities;
using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.Testing;

/// <summary>
/// Journals every request outside <c>/_emulator</c> and applies the first matching fault rule:
/// latency first, then a reset connection, an injected status, or a body cut after N bytes (aborted at once, closed
/// once those bytes are sent, or stalled until the client gives up). The journal
/// entry stays on the request (<see cref="JournalEntry"/> feature) so variations applied later are noted in it.
/// </summary>
public sealed class TestHookMiddleware(
    RequestDelegate next, FaultRules faults, RequestJournal journal, ActiveVariations variations, TimeProvider timeProvider, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/_emulator"))
        {
            await next(context);
            return;
        }

        var rule = faults.Claim(request.Method, request.Path.Value ?? "/");
        var entry = new JournalEntry(
            timeProvider.GetUtcNow(),
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            [.. request.Headers.Keys.Select(name => name.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            request.Headers.ContainsKey(ApiKeyFilter.HeaderName),
            rule?.Id);
        context.Features.Set(entry);
        journal.Add(entry);
        if (rule is null)
        {
            await next(context);
            return;
        }

        if (rule.Latency > TimeSpan.Zero)
        {
            await Task.Delay(rule.Latency, context.RequestAborted);
        }

        if (rule.ResetConnection)
        {
            context.Abort();
            return;
        }

        if (rule.Status is { } status)
        {
            // A proxy in front of the service answers its own failures with an HTML page.
            if (rule.Variation == Variation.HtmlErrors || (status >= 500 && variations.AllOn(context, Variation.HtmlErrors)))
            {
                entry.AddVariation(Variation.HtmlErrors);
                await WriteProxyPageAsync(context, status, rule.RetryAfterSeconds);
                return;
            }

            throw status == StatusCodes.Status429TooManyRequests
                ? ApiException.RateLimited(rule.RetryAfterSeconds)
                : new ApiException(status, new ErrorResponse("Injected fault"), "Injected fault") { RetryAfterSeconds = rule.RetryAfterSeconds };
        }

        if (rule.TruncateAfterBytes is { } limit)
        {
            context.Response.Body = new TruncatingStream(context.Response.Body, limit, () =>
            {
                context.Abort();
                return Task.CompletedTask;
            });
        }
        else if (rule.CutAfterBytes is { } cut)
        {
            // Dropping the rest leaves the answer short of its Content-Length: Kestrel then sends what was written and
            // closes the connection. An answer without a length would look complete, so that one is aborted instead.
            var response = context.Response;
            context.Response.Body = new TruncatingStream(response.Body, cut, () =>
            {
                if (response.ContentLength is null)
                {
                    context.Abort();
                }

                return Task.CompletedTask;
            });
        }
        else if (rule.StallAfterBytes is { } stall)
        {
            context.Response.Body = new TruncatingStream(context.Response.Body, stall, () => StallAsync(context));
        }

        await next(context);
    }

    /// <summary>
    /// Holds the write that went past the limit until the client gives up: while it waits, nothing after it in the
    /// pipeline can end the body. The wait holds no thread; RequestAborted ends it when the client hangs up. Stopping
    /// the emulator ends it too, or a client that never gives up would hold the shutdown for its whole timeout; the
    /// abort then makes sure the body never looks complete.
    /// </summary>
    private async Task StallAsync(HttpContext context)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await Task.Delay(Timeout.Infinite, end.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        context.Abort();
    }

    /// <summary>An nginx-style error page, <c>text/html</c>.</summary>
    private static Task WriteProxyPageAsync(HttpContext context, int status, int? retryAfterSeconds)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (retryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.ContentType = "text/html";
        var title = $"{status} {ReasonPhrases.GetReasonPhrase(status)}";
        return response.WriteAsync($"<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>", context.RequestAborted);
    }

    /// <summary>
    /// Passes the first <c>limit</c> bytes through and flushes them, then awaits <c>cut</c> (within the write that
    /// went past the limit) and drops the rest.
    /// </summary>
    private sealed class TruncatingStream(Stream inner, long limit, Func<Task> cut) : Stream
    {
        private long remaining = limit;
        private bool aborted;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (aborted)
            {
                return;
            }

            var passed = (int)Math.Min(buffer.Length, remaining);
            await inner.WriteAsync(buffer[..passed], cancellationToken);
            remaining -= passed;
            if (passed < buffer.Length)
            {
                await inner.FlushAsync(cancellationToken);
                aborted = true;
                await cut();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => aborted ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
