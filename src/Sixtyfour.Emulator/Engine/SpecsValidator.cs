using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// Checks a block's specs against the subset of JSON Schema the blocks declare: <c>properties</c>
/// with <c>type</c> (a name or a list of names) and <c>enum</c>, <c>required</c>, and
/// <c>additionalProperties: false</c> for rejecting unknown fields.
/// </summary>
public static class SpecsValidator
{
    /// <summary>The first problem found, or null when the specs fit the schema.</summary>
    public static string? FindProblem(JsonObject specs, JsonObject schema)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var closed = schema["additionalProperties"]?.GetValueKind() == JsonValueKind.False;
        foreach (var (name, value) in specs)
        {
            if (properties[name] is not JsonObject property)
            {
                if (closed)
                {
                    return $"unknown spec field '{name}' (allowed: {(properties.Count == 0 ? "none" : string.Join(", ", properties.Select(known => known.Key)))})";
                }

                continue;
            }

            if (value is null)
            {
                continue;
            }

            var types = property["type"] switch
            {
                JsonValue single => [single.GetValue<string>()],
                JsonArray several => several.Select(type => type!.GetValue<string>()).ToList(),
                _ => [],
            };
            if (types.Count > 0 && !types.Any(type => HasType(value, type)))
            {
                return $"spec '{name}' must be of type {string.Join(" or ", types)}; got {value.ToJsonString()}";
            }

            if (property["enum"] is JsonArray allowed && !allowed.Any(choice => JsonNode.DeepEquals(choice, value)))
            {
                return $"spec '{name}' must be one of {allowed.ToJsonString()}; got {value.ToJsonString()}";
            }
        }

        var missing = (schema["required"] as JsonArray ?? []).Select(name => name!.GetValue<string>()).FirstOrDefault(name => specs[name] is null);
        return missing is null ? null : $"spec '{missing}' is required";
    }

    private static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.AsValue().TryGetValue<long>(out _),
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        _ => false,
    };
}
