using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Api;

/// <summary>Reads path, query and body values, failing with FastAPI's 422 items when they do not parse.</summary>
public static class RequestParameters
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    public static Guid Uuid(string location, string name, string? value)
    {
        if (value is null)
        {
            throw ApiException.Missing(location, name);
        }

        return Guid.TryParse(value, out var id)
            ? id
            : throw ApiException.Invalid("uuid_parsing", "Input should be a valid UUID", value, new JsonObject { ["error"] = "invalid UUID" }, location, name);
    }

    public static string RequiredQuery(HttpRequest request, string name) =>
        request.Query[name].LastOrDefault() ?? throw ApiException.Missing("query", name);

    public static bool Boolean(HttpRequest request, string name, bool defaultValue)
    {
        if (request.Query[name].LastOrDefault() is not { } text)
        {
            return defaultValue;
        }

        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? false
            : throw ApiException.Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input", text, null, "query", name);
    }

    public static int Integer(HttpRequest request, string name, int defaultValue, int minimum, int maximum)
    {
        if (request.Query[name].LastOrDefault() is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiException.Invalid("int_parsing", "Input should be a valid integer, unable to parse string as an integer", text, null, "query", name);
        }

        return value switch
        {
            _ when value < minimum => throw ApiException.Invalid("greater_than_equal", $"Input should be greater than or equal to {minimum}", text, new JsonObject { ["ge"] = minimum }, "query", name),
            _ when value > maximum => throw ApiException.Invalid("less_than_equal", $"Input should be less than or equal to {maximum}", text, new JsonObject { ["le"] = maximum }, "query", name),
            _ => value,
        };
    }

    /// <summary>Every value of a repeatable query parameter, each checked against <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> Choices(HttpRequest request, string name, IReadOnlyList<string> allowed) =>
        [.. request.Query[name].Select((text, index) => Choice(text, allowed, "query", name, index))];

    /// <summary>One value of a single query parameter, or <paramref name="defaultValue"/> when absent.</summary>
    public static string Choice(HttpRequest request, string name, string defaultValue, IReadOnlyList<string> allowed) =>
        request.Query[name].LastOrDefault() is { } text ? Choice(text, allowed, "query", name) : defaultValue;

    /// <summary>Reads an optional JSON object body; an empty body gives null.</summary>
    public static async Task<JsonObject?> OptionalJsonObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length).Span);
        }
        catch (JsonException exception)
        {
            throw ApiException.Invalid("json_invalid", "JSON decode error", new JsonObject(), new JsonObject { ["error"] = exception.Message }, "body", exception.BytePositionInLine ?? 0);
        }

        return body switch
        {
            null => null,
            JsonObject value => value,
            _ => throw ApiException.Invalid("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", body.DeepClone(), null, "body"),
        };
    }

    private static string Choice(string? text, IReadOnlyList<string> allowed, params JsonNode[] location)
    {
        if (allowed.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return match;
        }

        var expected = $"{string.Join(", ", allowed.SkipLast(1).Select(choice => $"'{choice}'"))} or '{allowed[^1]}'";
        throw ApiException.Invalid("enum", $"Input should be {expected}", text, new JsonObject { ["expected"] = expected }, location);
    }
}
