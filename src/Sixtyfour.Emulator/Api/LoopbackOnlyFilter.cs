using System.Net;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.Api;

/// <summary>Test hooks change the emulator's behaviour, so only callers on this machine may use them (even with --allow-remote).</summary>
public sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Json(new ErrorResponse("Test hooks are only available from loopback."), statusCode: StatusCodes.Status403Forbidden));
}
