using Microsoft.Net.Http.Headers;
using Sixtyfour.Emulator.Api;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>
/// Keeps web pages in the user's browser away from the emulator. Every path: a <c>Host</c> that is not a
/// loopback name, a listen address or an allowed host is refused (421), which defeats DNS rebinding. A
/// state-changing request (any method but GET, HEAD, OPTIONS) and every test-hook request that carries a
/// cross-site marker (a foreign <c>Origin</c>, or <c>Sec-Fetch-Site</c> <c>cross-site</c>/<c>same-site</c>)
/// is refused (403); test hooks also take only <c>application/json</c> bodies (415), so a page cannot use
/// the "simple" requests a browser sends without asking. Clients outside a browser send none of these.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next, EmulatorOptions options)
{
    private readonly HashSet<string> allowedHosts = new(
        options.AllowedHosts.Concat(options.Urls.Select(EmulatorOptions.HostOf)).Where(host => host is not ("*" or "+" or "0.0.0.0" or "[::]")),
        StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var host = request.Host.Host;
        if (!options.AllowedHosts.Contains("*") && !EmulatorOptions.IsLoopbackHost(host) && !allowedHosts.Contains(host))
        {
            throw ApiException.Detail(StatusCodes.Status421MisdirectedRequest,
                $"Host '{request.Host.Value}' is not allowed: the emulator answers requests addressed to localhost, 127.x, [::1] or its listen addresses; name others with --allowed-hosts.");
        }

        var hook = request.Path.StartsWithSegments("/_emulator");
        if ((hook || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)))
            && CrossSiteMarker(request) is { } marker)
        {
            throw ApiException.Detail(StatusCodes.Status403Forbidden, $"Cross-site requests are refused ({marker}).");
        }

        if (hook && HasBody(request) && !IsJson(request.ContentType))
        {
            throw ApiException.Detail(StatusCodes.Status415UnsupportedMediaType,
                $"Test hooks take application/json bodies, not '{request.ContentType}'.");
        }

        return next(context);
    }

    private static string? CrossSiteMarker(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return $"Sec-Fetch-Site: {site}";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !origin.Equals($"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
            ? $"Origin: {origin}"
            : null;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
