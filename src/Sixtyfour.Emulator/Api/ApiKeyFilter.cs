using System.Security.Cryptography;
using System.Text;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Api;

/// <summary>Requires <c>x-api-key</c> to equal the configured key; otherwise 401 <c>{"detail":"Invalid API key"}</c>.</summary>
public sealed class ApiKeyFilter(EmulatorOptions options) : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(options.ApiKey);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[HeaderName].ToString());
        return CryptographicOperations.FixedTimeEquals(presented, expected)
            ? next(context)
            : throw ApiException.Detail(StatusCodes.Status401Unauthorized, "Invalid API key");
    }
}
