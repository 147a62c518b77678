namespace Sixtyfour.HelpBuilder.Model;

/// <summary>A <c>### -Name</c> entry under PARAMETERS: description plus one or more yaml blocks.</summary>
public sealed class ParameterHelp
{
    public const string AllParameterSets = "(All)";

    public required string Name { get; init; }

    public required int Line { get; init; }

    public IReadOnlyList<string> Description { get; init; } = [];

    /// <summary>One per yaml block; a parameter whose metadata differs per set has several.</summary>
    public required IReadOnlyList<ParameterMetadata> Blocks { get; init; }

    /// <summary>The first block: what <c>command:parameters</c> shows.</summary>
    public ParameterMetadata Primary => Blocks[0];

    public string Type => Primary.Type;

    public bool IsSwitch => IsSwitchType(Type);

    public static bool IsSwitchType(string type)
        => type is "SwitchParameter" or "System.Management.Automation.SwitchParameter" or "switch" or "Switch";

    /// <summary>The block that applies to <paramref name="setName"/>: the one naming it, else an <c>(All)</c> block.</summary>
    public ParameterMetadata? ForSet(string setName)
        => Blocks.FirstOrDefault(b => b.ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase))
           ?? Blocks.FirstOrDefault(b => b.AppliesToAllSets);
}

/// <summary>One parsed <c>```yaml</c> block.</summary>
public sealed record ParameterMetadata
{
    public required int Line { get; init; }

    public required string Type { get; init; }

    /// <summary>Set names as written; <c>["(All)"]</c> for every set.</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> AcceptedValues { get; init; } = [];

    public bool Required { get; init; }

    /// <summary><c>null</c> for Named.</summary>
    public int? Position { get; init; }

    public string DefaultValue { get; init; } = "None";

    public bool ValueFromPipeline { get; init; }

    public bool ValueFromPipelineByPropertyName { get; init; }

    public bool ValueFromRemainingArguments { get; init; }

    public bool Globbing { get; init; }

    public bool AppliesToAllSets => ParameterSets.Count == 1 && ParameterSets[0] == ParameterHelp.AllParameterSets;

    /// <summary>MAML <c>position</c> attribute: <c>0..n</c> or <c>named</c>.</summary>
    public string PositionText => Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named";

    /// <summary>The <c>pipelineInput</c> attribute exactly as platyPS writes it.</summary>
    public string PipelineInputText
    {
        get
        {
            var kinds = new List<string>();
            if (ValueFromPipelineByPropertyName)
            {
                kinds.Add("ByPropertyName");
            }

            if (ValueFromPipeline)
            {
                kinds.Add("ByValue");
            }

            if (ValueFromRemainingArguments)
            {
                kinds.Add("FromRemainingArguments");
            }

            return kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})";
        }
    }
}
