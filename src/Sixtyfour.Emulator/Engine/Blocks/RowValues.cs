using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>Helpers blocks share for reading row values and deriving deterministic emulated data.</summary>
internal static partial class RowValues
{
    private static readonly string[] DomainColumns = ["company_domain", "domain", "website"];

    /// <summary>The value of <paramref name="column"/> when it is a string with non-blank text, else null.</summary>
    public static string? NonEmptyString(JsonObject row, string column) =>
        row[column] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>The first usable domain from <c>company_domain</c>, <c>domain</c> or <c>website</c>, normalized; null when none.</summary>
    public static string? Domain(JsonObject row) =>
        DomainColumns.Select(column => NormalizeDomain(NonEmptyString(row, column))).FirstOrDefault(domain => domain.Length > 0);

    /// <summary>Host part of a domain or URL: scheme, user info, path, port and a leading <c>www.</c> removed; lowercase.</summary>
    public static string NormalizeDomain(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var host = Scheme().Replace(value.Trim().ToLowerInvariant(), string.Empty);
        host = host.Split('/', '?', '#')[0];
        host = host[(host.LastIndexOf('@') + 1)..].Split(':')[0];
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>A value's text as a CSV cell would show it (strings as they are, numbers as JSON text).</summary>
    public static string Text(JsonNode? value) => CsvCell.Format(value);

    /// <summary>A number from a JSON number or a numeric string; null otherwise.</summary>
    public static double? Number(JsonNode? value) => value switch
    {
        JsonValue number when number.GetValueKind() == JsonValueKind.Number => number.GetValue<double>(),
        JsonValue text when text.GetValueKind() == JsonValueKind.String
            && double.TryParse(text.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A hash that is the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong StableHash(params string[] parts) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    /// <summary>Compact JSON of a row or value, the input of <see cref="StableHash"/> and of dedupe keys.</summary>
    public static string Canonical(JsonNode? node) => node?.ToJsonString(WireJson.Options) ?? "null";

    /// <summary>The template with each <c>{column}</c> replaced by that column's text ("" when absent); other braces stay.</summary>
    public static string Fill(string template, JsonObject row) =>
        Placeholder().Replace(template, match => Text(row[match.Groups[1].Value]));

    [GeneratedRegex("^[a-z][a-z0-9+.-]*://")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\{([A-Za-z0-9_ .-]+)\}")]
    private static partial Regex Placeholder();
}
