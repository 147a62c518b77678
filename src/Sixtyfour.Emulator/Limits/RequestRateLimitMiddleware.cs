using Sixtyfour.Emulator.Api;

namespace Sixtyfour.Emulator.Limits;

/// <summary>
/// Answers 429 with <c>Retry-After</c> (whole seconds until a slot frees) once the general rate limit
/// is used up. Test hooks and the key-less signed downloads under <c>/_storage</c> (a storage host's
/// job, not the API's) do not count.
/// </summary>
public sealed class RequestRateLimitMiddleware(RequestDelegate next, RequestRateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/_emulator") || path.StartsWithSegments("/_storage") || limiter.TryAcquire(out var retryAfter))
        {
            return next(context);
        }

        throw ApiException.RateLimited(Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)));
    }
}
