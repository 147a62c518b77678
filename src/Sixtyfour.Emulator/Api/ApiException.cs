using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.Api;

/// <summary>
/// An error response, thrown from anywhere in request handling (like FastAPI's HTTPException) and
/// written by <see cref="ApiErrorMiddleware"/>.
/// </summary>
public sealed class ApiException(int statusCode, object body, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>An <see cref="ErrorResponse"/> or an <see cref="HttpValidationError"/>.</summary>
    public object Body { get; } = body;

    /// <summary>Sent as the <c>Retry-After</c> header (whole seconds) when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Any non-422 error: <c>{"detail": "..."}</c>.</summary>
    public static ApiException Detail(int statusCode, string detail) => new(statusCode, new ErrorResponse(detail), detail);

    /// <summary>The documented 429 body, <c>{"detail":"Rate limit exceeded"}</c>.</summary>
    public static ApiException RateLimited(int? retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, new ErrorResponse("Rate limit exceeded"), "Rate limit exceeded") { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>A 422 in FastAPI's list form.</summary>
    public static ApiException Validation(ValidationError error) => new(StatusCodes.Status422UnprocessableEntity, new HttpValidationError([error]), error.Msg);

    /// <summary>A 422 item; <paramref name="location"/> is FastAPI's <c>loc</c> (e.g. "query", "limit").</summary>
    public static ApiException Invalid(string type, string msg, JsonNode? input, JsonObject? ctx, params JsonNode[] location) =>
        Validation(new ValidationError(location, msg, type, input, ctx ?? []));

    public static ApiException Missing(params JsonNode[] location) => Invalid("missing", "Field required", null, null, location);
}
