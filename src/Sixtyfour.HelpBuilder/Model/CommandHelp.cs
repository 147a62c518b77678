namespace Sixtyfour.HelpBuilder.Model;

/// <summary>Everything one command page says, independent of markdown and MAML.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }

    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-') ? Name.Split('-', 2)[1] : string.Empty;

    /// <summary>The page it came from (for diagnostics and <c>describe</c>).</summary>
    public required string SourceFile { get; init; }

    public string? ExternalHelpFile { get; init; }

    public string? ModuleName { get; init; }

    public string? OnlineVersion { get; init; }

    public IReadOnlyList<string> Synopsis { get; init; } = [];

    public IReadOnlyList<string> Description { get; init; } = [];

    /// <summary>Parameter sets declared by <c>### Name[ (Default)]</c> under SYNTAX; empty for a single unnamed set.</summary>
    public IReadOnlyList<ParameterSetHeading> ParameterSets { get; init; } = [];

    public IReadOnlyList<ExampleHelp> Examples { get; init; } = [];

    public IReadOnlyList<ParameterHelp> Parameters { get; init; } = [];

    public bool SupportsCommonParameters { get; init; }

    public IReadOnlyList<TypeHelp> Inputs { get; init; } = [];

    public IReadOnlyList<TypeHelp> Outputs { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<LinkHelp> RelatedLinks { get; init; } = [];

    public string? DefaultParameterSet => ParameterSets.FirstOrDefault(s => s.IsDefault)?.Name;
}

/// <summary><c>### SetName (Default)</c> under SYNTAX.</summary>
public sealed record ParameterSetHeading(string Name, bool IsDefault, int Line);

/// <summary><c>### Example N: title</c>, with intro text, joined code and remarks.</summary>
public sealed record ExampleHelp(string Title, IReadOnlyList<string> Introduction, string Code, IReadOnlyList<string> Remarks);

/// <summary><c>### TypeName</c> under INPUTS / OUTPUTS.</summary>
public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

/// <summary>A RELATED LINKS entry; <see cref="Uri"/> is empty when the target is not an absolute URI.</summary>
public sealed record LinkHelp(string Text, string Uri)
{
    public static bool IsAbsolute(string url) => Markdown.InlineText.IsAbsoluteUri(url);
}
