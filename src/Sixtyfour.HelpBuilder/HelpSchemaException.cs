namespace Sixtyfour.HelpBuilder;

/// <summary>A page that breaks the platyPS schema. Rendered as <c>file:line: message</c>.</summary>
public sealed class HelpSchemaException : Exception
{
    public HelpSchemaException(string file, int line, string message)
        : base(message)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }

    public override string ToString() => $"{File}:{Line}: {Message}";
}
