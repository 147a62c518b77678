using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Sixtyfour.Validation
{
    /// <summary>
    /// The part of JSON Schema the block catalog uses: type (a name or a list), enum, properties, required,
    /// additionalProperties (false or a schema), items, minimum/maximum, minLength/maxLength and format "uri".
    /// Other keywords are ignored, so a richer catalog never makes a valid definition fail. A null value counts
    /// as not given, as the API treats it.
    /// </summary>
    internal static class SchemaCheck
    {
        /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each as "path: problem".</summary>
        public static IReadOnlyList<string> Problems(JsonElement value, JsonElement schema, string path)
        {
            var problems = new List<string>();
            Check(value, schema, path, problems);
            return problems;
        }

        private static void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
        {
            if (schema.ValueKind != JsonValueKind.Object || value.ValueKind == JsonValueKind.Null) return;
            if (schema.TryGetProperty("type", out var type))
            {
                var types = Names(type);
                if (types.Count > 0 && !types.Any(t => HasType(value, t)))
                {
                    problems.Add($"{path} must be {string.Join(" or ", types)}, not {Show(value)}");
                    return;
                }
            }
            if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array
                && !choices.EnumerateArray().Any(choice => SameJson(choice, value)))
                problems.Add($"{path} must be one of {string.Join(", ", choices.EnumerateArray().Select(Show))}, not {Show(value)}");
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    CheckText(value.GetString()!, schema, path, problems);
                    break;
                case JsonValueKind.Number:
                    var number = value.GetDouble();
                    if (Limit(schema, "minimum") is double minimum && number < minimum) problems.Add($"{path} must be at least {Show(minimum)}, not {Show(value)}");
                    if (Limit(schema, "maximum") is double maximum && number > maximum) problems.Add($"{path} must be at most {Show(maximum)}, not {Show(value)}");
                    break;
                case JsonValueKind.Array:
                    if (!schema.TryGetProperty("items", out var items)) break;
                    var index = 0;
                    foreach (var item in value.EnumerateArray()) Check(item, items, $"{path}[{index++}]", problems);
                    break;
                case JsonValueKind.Object:
                    CheckObject(value, schema, path, problems);
                    break;
            }
        }

        private static void CheckObject(JsonElement value, JsonElement schema, string path, List<string> problems)
        {
            var properties = schema.TryGetProperty("properties", out var declared) && declared.ValueKind == JsonValueKind.Object ? declared : default;
            schema.TryGetProperty("additionalProperties", out var others);
            foreach (var property in value.EnumerateObject())
            {
                var at = path + "." + property.Name;
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var known)) Check(property.Value, known, at, problems);
                else if (others.ValueKind == JsonValueKind.False)
                    problems.Add($"{at} is not a setting of this block (it has {(properties.ValueKind == JsonValueKind.Object && properties.EnumerateObject().Any() ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name)) : "none")})");
                else Check(property.Value, others, at, problems);
            }
            if (!schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array) return;
            foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
                if (!value.TryGetProperty(name, out var given) || given.ValueKind == JsonValueKind.Null) problems.Add($"{path}.{name} is required");
        }

        private static void CheckText(string text, JsonElement schema, string path, List<string> problems)
        {
            // JSON Schema counts characters as code points, not UTF-16 units.
            var length = text.Length - text.Count(char.IsLowSurrogate);
            if (Limit(schema, "minLength") is double minLength && length < minLength) problems.Add($"{path} must have at least {Show(minLength)} characters, not {length}");
            if (Limit(schema, "maxLength") is double maxLength && length > maxLength) problems.Add($"{path} must have at most {Show(maxLength)} characters, not {length}");
            if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "uri"
                && !Uri.TryCreate(text, UriKind.Absolute, out _))
                problems.Add($"{path} must be an absolute URL, not \"{text}\"");
        }

        private static IReadOnlyList<string> Names(JsonElement type) => type.ValueKind switch
        {
            JsonValueKind.String => new[] { type.GetString()! },
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        };

        private static bool HasType(JsonElement value, string type) => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && Math.Floor(value.GetDouble()) == value.GetDouble(),
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "null" => value.ValueKind == JsonValueKind.Null,
            // A type name this subset does not know is not held against the value.
            _ => true,
        };

        private static double? Limit(JsonElement schema, string keyword) =>
            schema.TryGetProperty(keyword, out var limit) && limit.ValueKind == JsonValueKind.Number ? limit.GetDouble() : (double?)null;

        private static bool SameJson(JsonElement a, JsonElement b)
        {
            if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number) return a.GetDouble() == b.GetDouble();
            if (a.ValueKind != b.ValueKind) return false;
            switch (a.ValueKind)
            {
                case JsonValueKind.String: return a.GetString() == b.GetString();
                case JsonValueKind.Array:
                    return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray(), SameJson).All(same => same);
                case JsonValueKind.Object:
                    var left = a.EnumerateObject().ToList();
                    return left.Count == b.EnumerateObject().Count()
                        && left.All(p => b.TryGetProperty(p.Name, out var other) && SameJson(p.Value, other));
                default: return true;
            }
        }

        private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.Array ? value.ValueKind.ToString().ToLowerInvariant() : value.GetRawText();

        private static string Show(double number) => number.ToString(CultureInfo.InvariantCulture);
    }
}
