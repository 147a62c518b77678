using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// One problem found by <see cref="SpecsValidator"/>: the top-level field at fault (null for the
/// object itself), FastAPI's error <see cref="Type"/> for it, and a message.
/// </summary>
public sealed record SchemaProblem(string Field, string Type, string Message);

/// <summary>
/// Checks a JSON object (block specs, a bulk config) against the subset of JSON Schema the emulator
/// declares: <c>properties</c> with <c>type</c> (a name or a list of names), <c>enum</c>,
/// <c>minLength</c>, <c>maxLength</c>, <c>format: uri</c> and <c>items</c> (their <c>type</c>/<c>enum</c>),
/// <c>required</c>, and <c>additionalProperties: false</c> for rejecting unknown fields.
/// </summary>
public static class SpecsValidator
{
    /// <summary>The first problem found, or null when the object fits the schema; messages call its fields "<paramref name="label"/> 'name'".</summary>
    public static SchemaProblem? FindProblem(JsonObject value, JsonObject schema, string label = "spec")
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var closed = schema["additionalProperties"]?.GetValueKind() == JsonValueKind.False;
        foreach (var (name, item) in value)
        {
            // No pattern variables in this loop: a mutated condition would leave one unassigned, and Stryker then
            // drops every mutant of the method as a compile error.
            var property = properties[name] as JsonObject;
            if (property is null)
            {
                if (closed)
                {
                    return new SchemaProblem(name, "extra_forbidden", $"unknown {label} field '{name}' (allowed: {(properties.Count == 0 ? "none" : string.Join(", ", properties.Select(known => known.Key)))})");
                }

                continue;
            }

            var problem = item is null ? null : CheckValue(label, name, item, property);
            if (problem is not null)
            {
                return problem;
            }
        }

        var missing = (schema["required"] as JsonArray ?? []).Select(name => name!.GetValue<string>()).FirstOrDefault(name => value[name] is null);
        return missing is null ? null : new SchemaProblem(missing, "missing", $"{label} '{missing}' is required");
    }

    private static SchemaProblem? CheckValue(string label, string name, JsonNode value, JsonObject property)
    {
        var types = property["type"] switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray several => several.Select(type => type!.GetValue<string>()).ToList(),
            _ => [],
        };
        if (types.Count > 0 && !types.Any(type => HasType(value, type)))
        {
            return new SchemaProblem(name, "type_error", $"{label} '{name}' must be of type {string.Join(" or ", types)}; got {value.ToJsonString()}");
        }

        // No pattern variables below: a mutated condition would leave one unassigned, and such mutants do not compile.
        var allowed = property["enum"] as JsonArray;
        if (allowed is not null && !allowed.Any(choice => JsonNode.DeepEquals(choice, value)))
        {
            return new SchemaProblem(name, "enum", $"{label} '{name}' must be one of {allowed.ToJsonString()}; got {value.ToJsonString()}");
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            // A missing limit is null, and a comparison with null is false.
            var minLength = property["minLength"]?.GetValue<int>();
            var maxLength = property["maxLength"]?.GetValue<int>();
            if (text.Length < minLength)
            {
                return new SchemaProblem(name, "string_too_short", $"{label} '{name}' must have at least {minLength} characters; it has {text.Length}");
            }

            if (text.Length > maxLength)
            {
                return new SchemaProblem(name, "string_too_long", $"{label} '{name}' must have at most {maxLength} characters; it has {text.Length}");
            }

            if (property["format"]?.GetValue<string>() == "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                return new SchemaProblem(name, "url_parsing", $"{label} '{name}' must be an absolute URL; got {value.ToJsonString()}");
            }
        }

        var itemSchema = property["items"] as JsonObject;
        if (itemSchema is not null && value.GetValueKind() == JsonValueKind.Array)
        {
            foreach (var element in value.AsArray())
            {
                if (element is null || CheckValue(label, name, element, itemSchema) is not null)
                {
                    return new SchemaProblem(name, "type_error", $"{label} '{name}' items must match {itemSchema.ToJsonString()}; got {element?.ToJsonString() ?? "null"}");
                }
            }
        }

        return null;
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
