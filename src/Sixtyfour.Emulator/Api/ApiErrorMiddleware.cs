using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Sixtyfour.Emulator.Models;

namespace Sixtyfour.Emulator.Api;

/// <summary>Writes every error the FastAPI way: <c>{"detail": ...}</c>, including 404/405 from routing and 500s.</summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, IOptions<JsonOptions> jsonOptions, ILogger<ApiErrorMiddleware> logger)
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
            await WriteAsync(context, exception.StatusCode, exception.Body);
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

    private Task WriteAsync(HttpContext context, int statusCode, object body)
    {
        context.Response.Clear();
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), serializerOptions, contentType: null, context.RequestAborted);
    }
}
