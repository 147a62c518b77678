using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Tests.Contract;

/// <summary>
/// The spec's response schemas (the embedded <c>sixtyfour-schemas.json</c>) and a validator for the
/// JSON Schema subset they use: <c>type</c>, <c>properties</c>, <c>required</c>, <c>items</c>,
/// <c>anyOf</c>, <c>oneOf</c>, <c>$ref</c>, <c>enum</c>, <c>const</c>, <c>format: date-time</c> and
/// <c>additionalProperties</c>. It is stricter than JSON Schema in one way: a property the schema
/// does not declare is an error unless <c>additionalProperties</c> allows it, so a misspelt or
/// invented field name fails the contract instead of passing silently.
/// </summary>
public static class ContractSchemas
{
    private static readonly JsonObject Definitions = Load();

    /// <summary>Fails the test with every mismatch between <paramref name="value"/> and the named schema.</summary>
    public static void AssertMatches(string schemaName, JsonNode? value)
    {
        var problems = Validate(schemaName, value);
        Assert.True(problems.Count == 0, $"Response does not match {schemaName}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}{value?.ToJsonString()}");
    }

    /// <summary>Every item of <paramref name="array"/> must match the named schema.</summary>
    public static void AssertEachMatches(string schemaName, JsonNode? array)
    {
        Assert.True(array is JsonArray, $"Expected an array of {schemaName}, got {array?.ToJsonString() ?? "null"}");
        foreach (var item in array!.AsArray())
        {
            AssertMatches(schemaName, item);
        }
    }

    /// <summary>The problems found, each as <c>$.path: message</c>; empty when the value fits.</summary>
    public static IReadOnlyList<string> Validate(string schemaName, JsonNode? value)
    {
        var problems = new List<string>();
        Check(Schema(schemaName), value, "$", problems);
        return problems;
    }

    public static JsonObject Schema(string name) =>
        Definitions[name] as JsonObject ?? throw new KeyNotFoundException($"The fixture has no schema '{name}'.");

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> problems)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            Check(Schema(reference.GetValue<string>().Split('/')[^1]), value, path, problems);
            return;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            if (!anyOf.Any(option => Fits(option!.AsObject(), value, path)))
            {
                problems.Add($"{path}: matches none of anyOf {anyOf.ToJsonString()}");
            }

            return;
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(option => Fits(option!.AsObject(), value, path));
            if (matches != 1)
            {
                problems.Add($"{path}: matches {matches} of the oneOf alternatives (exactly one required)");
            }

            return;
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            problems.Add($"{path}: must be {constant.ToJsonString()}");
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(choice => JsonNode.DeepEquals(choice, value)))
        {
            problems.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {allowed.ToJsonString()}");
        }

        if (schema["type"] is JsonValue type && !HasType(value, type.GetValue<string>()))
        {
            problems.Add($"{path}: expected {type.GetValue<string>()}, got {value?.ToJsonString() ?? "null"}");
            return;
        }

        if (schema["format"]?.GetValue<string>() == "date-time" && value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            && !DateTimeOffset.TryParse(text.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{path}: '{text}' is not a date-time");
        }

        if (value is JsonObject objectValue)
        {
            CheckObject(schema, objectValue, path, problems);
        }

        if (value is JsonArray arrayValue && schema["items"] is JsonObject items)
        {
            for (var index = 0; index < arrayValue.Count; index++)
            {
                Check(items, arrayValue[index], $"{path}[{index}]", problems);
            }
        }
    }

    private static void CheckObject(JsonObject schema, JsonObject value, string path, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(name => name!.GetValue<string>()))
        {
            if (!value.ContainsKey(required))
            {
                problems.Add($"{path}: required field '{required}' is missing");
            }
        }

        foreach (var (name, item) in value)
        {
            if (properties[name] is JsonObject property)
            {
                Check(property, item, $"{path}.{name}", problems);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Check(additional, item, $"{path}.{name}", problems);
            }
            else if (schema["properties"] is not null && schema["additionalProperties"]?.GetValueKind() != JsonValueKind.True)
            {
                problems.Add($"{path}: field '{name}' is not in the schema");
            }
        }
    }

    private static bool Fits(JsonObject schema, JsonNode? value, string path)
    {
        var problems = new List<string>();
        Check(schema, value, path, problems);
        return problems.Count == 0;
    }

    private static bool HasType(JsonNode? value, string type) => (type, value?.GetValueKind()) switch
    {
        ("null", null) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value!.AsValue().TryGetValue<long>(out _) || decimal.Truncate(value.GetValue<decimal>()) == value.GetValue<decimal>(),
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        _ => false,
    };

    private static JsonObject Load()
    {
        using var stream = typeof(ContractSchemas).Assembly.GetManifestResourceStream("Sixtyfour.Emulator.Tests.Contract.sixtyfour-schemas.json")
            ?? throw new InvalidOperationException("The embedded contract fixture is missing.");
        return JsonNode.Parse(stream)!["components"]!["schemas"]!.AsObject();
    }
}
