using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Models;

namespace Sixtyfour.Emulator.Testing;

/// <summary>
/// Journals every request outside <c>/_emulator</c> and applies the first matching fault rule:
/// latency first, then a reset connection, an injected status, or a body cut after N bytes.
/// </summary>
public sealed class TestHookMiddleware(RequestDelegate next, FaultRules faults, RequestJournal journal, TimeProvider timeProvider)
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
        journal.Add(new JournalEntry(
            timeProvider.GetUtcNow(),
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            [.. request.Headers.Keys.Select(name => name.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            request.Headers.ContainsKey(ApiKeyFilter.HeaderName),
            rule?.Id));
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
            context.Response.StatusCode = status;
            if (rule.RetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(new ErrorResponse(status == StatusCodes.Status429TooManyRequests ? "Rate limit exceeded" : "Injected fault"));
            return;
        }

        if (rule.TruncateAfterBytes is { } limit)
        {
            context.Response.Body = new TruncatingStream(context.Response.Body, limit, context.Abort);
        }

        await next(context);
    }

    /// <summary>Passes the first <c>limit</c> bytes through, then aborts the connection and drops the rest.</summary>
    private sealed class TruncatingStream(Stream inner, long limit, Action abort) : Stream
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
                abort();
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
