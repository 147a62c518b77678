using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>
/// Writes every error the FastAPI way: <c>{"detail": ...}</c>, including 404/405 from routing and 500s;
/// under the error_object variation as <c>{"error": {"code", "message"}}</c>, the other documented shape.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, IOptions<JsonOptions> jsonOptions, ActiveVariations variations, ILogger<ApiErrorMiddleware> logger)
{
    private readonly JsonSerializerOptions serializerOptions = jsonOptions.Value.SerializerOptions;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException exception) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, exception.StatusCode, exception.Body, exception.RetryAfterSeconds);
            return;
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, exception.StatusCode, new ErrorResponse(exception.Message));
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, new ErrorResponse("Internal server error"));
            return;
        }

        // Routing's bare 404/405 get FastAPI's bodies ("Not Found", "Method Not Allowed").
        if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
        {
            await WriteAsync(context, context.Response.StatusCode, new ErrorResponse(ReasonPhrases.GetReasonPhrase(context.Response.StatusCode)));
        }
    }

    private Task WriteAsync(HttpContext context, int statusCode, object body, int? retryAfterSeconds = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = statusCode;
        if (retryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (variations.Applies(context, Variation.ErrorObject))
        {
            body = ToErrorObject(statusCode, body);
        }

        return context.Response.WriteAsJsonAsync(body, body.GetType(), serializerOptions, contentType: null, context.RequestAborted);
    }

    /// <summary>The same error as <c>{"error": {"code", "message"}}</c>: a snake_case code for the status and the detail's text.</summary>
    private static ErrorObjectResponse ToErrorObject(int statusCode, object body)
    {
        var message = body switch
        {
            ErrorResponse error => error.Detail,
            HttpValidationError validation => string.Join("; ", validation.Detail.Select(item => $"{string.Join('.', item.Loc)}: {item.Msg}")),
            _ => ReasonPhrases.GetReasonPhrase(statusCode),
        };
        var code = statusCode switch
        {
            StatusCodes.Status422UnprocessableEntity => "validation_error",
            StatusCodes.Status429TooManyRequests => "rate_limited",
            StatusCodes.Status500InternalServerError => "internal_error",
            StatusCodes.Status402PaymentRequired => "insufficient_credits",
            _ => ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase.ToLowerInvariant().Replace(' ', '_').Replace("-", string.Empty, StringComparison.Ordinal) : $"http_{statusCode}",
        };
        return new ErrorObjectResponse(new ErrorObject(code, message));
    }
}
