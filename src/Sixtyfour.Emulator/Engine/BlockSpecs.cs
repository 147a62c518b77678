using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>Typed, validating access to a block's <c>specs</c> object.</summary>
public sealed class BlockSpecs(JsonObject values)
{
    public JsonObject Values { get; } = values;

    /// <summary>The string value of <paramref name="name"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public string? GetString(string name, string? defaultValue = null) => Values[name] switch
    {
        null => defaultValue,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(name, "a string"),
    };

    /// <summary>One of <paramref name="allowed"/> (case-insensitive, returned as spelled there).</summary>
    public string GetChoice(string name, string defaultValue, IReadOnlyList<string> allowed)
    {
        var text = GetString(name, defaultValue)!;
        return allowed.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(name, "one of " + string.Join(", ", allowed));
    }

    public bool GetBoolean(string name, bool defaultValue) => Values[name] switch
    {
        null => defaultValue,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw Invalid(name, "true or false"),
    };

    public JsonObject? GetObject(string name) => Values[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw Invalid(name, "an object"),
    };

    public JsonArray? GetArray(string name) => Values[name] switch
    {
        null => null,
        JsonArray value => value,
        _ => throw Invalid(name, "an array"),
    };

    /// <summary>A list of strings; a single string is accepted as a one-item list.</summary>
    public IReadOnlyList<string>? GetStringList(string name) => Values[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonArray array when array.All(item => item?.GetValueKind() == JsonValueKind.String) => [.. array.Select(item => item!.GetValue<string>())],
        _ => throw Invalid(name, "a list of strings"),
    };

    /// <summary>A copy of these specs with <paramref name="overrides"/>' top-level keys replacing ours.</summary>
    public BlockSpecs With(JsonObject? overrides)
    {
        var merged = Values.DeepClone().AsObject();
        foreach (var (key, value) in overrides ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return new BlockSpecs(merged);
    }

    private BlockSpecsException Invalid(string name, string expected) =>
        new($"Spec '{name}' must be {expected}; got {Values[name]?.ToJsonString() ?? "null"}.");
}

/// <summary>A block's specs are unusable; fails the block with this message.</summary>
public sealed class BlockSpecsException(string message) : Exception(message);
