using System.Globalization;
using System.Text.RegularExpressions;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>
/// Parses a parameter's <c>```yaml</c> block. platyPS v1 reads these as flat <c>Key: value</c> lines, not as
/// general YAML (values like <c>@{}</c> are legal), so this does the same, but strictly: known keys only,
/// no duplicates, and typed values.
/// </summary>
public static partial class ParameterYamlParser
{
    public const string TypeKey = "Type";
    public const string ParameterSetsKey = "Parameter Sets";
    public const string AliasesKey = "Aliases";
    public const string AcceptedValuesKey = "Accepted values";
    public const string ApplicableKey = "Applicable";
    public const string RequiredKey = "Required";
    public const string PositionKey = "Position";
    public const string DefaultValueKey = "Default value";
    public const string PipelineInputKey = "Accept pipeline input";
    public const string WildcardKey = "Accept wildcard characters";

    private static readonly string[] KnownKeys =
    [
        TypeKey, ParameterSetsKey, AliasesKey, AcceptedValuesKey, ApplicableKey,
        RequiredKey, PositionKey, DefaultValueKey, PipelineInputKey, WildcardKey,
    ];

    private static readonly string[] RequiredKeys = [TypeKey, ParameterSetsKey, RequiredKey, PositionKey];

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z ]*?)[ \t]*:(?:[ \t]+(?<value>.*?))?[ \t]*$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^True[ \t]*\((?<kinds>[^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineTrue();

    public static ParameterMetadata Parse(CodeBlock block, MarkdownDocument document, string parameterName)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var lines = block.Code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = block.FirstContentLine + i;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var match = KeyValue().Match(line);
            if (!match.Success)
            {
                throw document.Error(lineNumber, $"malformed yaml in parameter -{parameterName}: '{line.Trim()}' is not a 'Key: value' line");
            }

            var key = match.Groups["key"].Value;
            var known = KnownKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw document.Error(lineNumber, $"unknown key '{key}' in the yaml of parameter -{parameterName}; expected one of: {string.Join(", ", KnownKeys)}");
            }

            if (!string.Equals(known, key, StringComparison.Ordinal))
            {
                throw document.Error(lineNumber, $"key '{key}' in the yaml of parameter -{parameterName} must be spelled '{known}'");
            }

            if (!values.TryAdd(known, (match.Groups["value"].Value, lineNumber)))
            {
                throw document.Error(lineNumber, $"duplicate key '{key}' in the yaml of parameter -{parameterName}");
            }
        }

        foreach (var required in RequiredKeys)
        {
            if (!values.TryGetValue(required, out var v) || v.Value.Length == 0)
            {
                throw document.Error(block.Line, $"the yaml of parameter -{parameterName} has no '{required}' value");
            }
        }

        var (sets, setsLine) = values[ParameterSetsKey];
        var setNames = SplitList(sets);
        if (setNames.Count == 0 || (setNames.Contains(ParameterHelp.AllParameterSets) && setNames.Count > 1))
        {
            throw document.Error(setsLine, $"'Parameter Sets' of -{parameterName} must be '(All)' or a comma-separated list of set names");
        }

        if (setNames.Distinct(StringComparer.OrdinalIgnoreCase).Count() != setNames.Count)
        {
            throw document.Error(setsLine, $"'Parameter Sets' of -{parameterName} names a set twice");
        }

        var (byValue, byProperty, remaining) = ParsePipeline(values, document, parameterName);

        return new ParameterMetadata
        {
            Line = block.Line,
            Type = values[TypeKey].Value,
            ParameterSets = setNames,
            Aliases = values.TryGetValue(AliasesKey, out var aliases) ? SplitList(aliases.Value) : [],
            AcceptedValues = values.TryGetValue(AcceptedValuesKey, out var accepted) ? SplitList(accepted.Value) : [],
            Required = ParseBool(values, RequiredKey, document, parameterName, defaultValue: false),
            Position = ParsePosition(values[PositionKey], document, parameterName),
            DefaultValue = values.TryGetValue(DefaultValueKey, out var dv) && dv.Value.Length > 0 ? dv.Value : "None",
            ValueFromPipeline = byValue,
            ValueFromPipelineByPropertyName = byProperty,
            ValueFromRemainingArguments = remaining,
            Globbing = ParseBool(values, WildcardKey, document, parameterName, defaultValue: false),
        };
    }

    private static List<string> SplitList(string value)
        => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static bool ParseBool(Dictionary<string, (string Value, int Line)> values, string key, MarkdownDocument document, string parameterName, bool defaultValue)
    {
        if (!values.TryGetValue(key, out var v) || v.Value.Length == 0)
        {
            return defaultValue;
        }

        if (bool.TryParse(v.Value, out var result))
        {
            return result;
        }

        throw document.Error(v.Line, $"'{key}' of -{parameterName} must be True or False, not '{v.Value}'");
    }

    private static int? ParsePosition((string Value, int Line) position, MarkdownDocument document, string parameterName)
    {
        if (string.Equals(position.Value, "Named", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (int.TryParse(position.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        throw document.Error(position.Line, $"'Position' of -{parameterName} must be Named or a number >= 0, not '{position.Value}'");
    }

    private static (bool ByValue, bool ByPropertyName, bool Remaining) ParsePipeline(
        Dictionary<string, (string Value, int Line)> values, MarkdownDocument document, string parameterName)
    {
        if (!values.TryGetValue(PipelineInputKey, out var v) || v.Value.Length == 0 || string.Equals(v.Value, "False", StringComparison.OrdinalIgnoreCase))
        {
            return (false, false, false);
        }

        var error = document.Error(v.Line,
            $"'Accept pipeline input' of -{parameterName} must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{v.Value}'");
        var match = PipelineTrue().Match(v.Value);
        if (!match.Success)
        {
            throw error;
        }

        bool byValue = false, byProperty = false, remaining = false;
        foreach (var kind in match.Groups["kinds"].Value.Split(',', StringSplitOptions.TrimEntries))
        {
            ref var flag = ref byValue;
            if (kind.Equals("ByValue", StringComparison.OrdinalIgnoreCase))
            {
                flag = ref byValue;
            }
            else if (kind.Equals("ByPropertyName", StringComparison.OrdinalIgnoreCase))
            {
                flag = ref byProperty;
            }
            else if (kind.Equals("FromRemainingArguments", StringComparison.OrdinalIgnoreCase))
            {
                flag = ref remaining;
            }
            else
            {
                throw error;
            }

            if (flag)
            {
                throw error;
            }

            flag = true;
        }

        if (!byValue && !byProperty && !remaining)
        {
            throw error;
        }

        return (byValue, byProperty, remaining);
    }
}
