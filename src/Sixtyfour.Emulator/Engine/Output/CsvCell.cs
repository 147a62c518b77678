using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>Turns a JSON value into CSV cell text.</summary>
public static class CsvCell
{
    /// <summary>
    /// Strings as they are, null/absent as empty, numbers as their JSON text (invariant), booleans
    /// as <c>true</c>/<c>false</c>, objects and arrays as compact JSON.
    /// </summary>
    public static string Format(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Null => string.Empty,
        _ => value.ToJsonString(WireJson.Options),
    };
}
