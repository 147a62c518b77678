namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>A block-level markdown element with the 1-based line it starts on.</summary>
public abstract record MarkdownBlock(int Line);

/// <summary><c># Text</c> … <c>###### Text</c>.</summary>
public sealed record HeadingBlock(int Line, int Level, string Text) : MarkdownBlock(Line);

/// <summary>A paragraph; soft-wrapped source lines are kept, separated by <c>\n</c>.</summary>
public sealed record ParagraphBlock(int Line, string Text) : MarkdownBlock(Line);

/// <summary>One list item (bullet or ordered); continuation lines joined with <c>\n</c>.</summary>
public sealed record ListItemBlock(int Line, string Marker, string Text) : MarkdownBlock(Line);

/// <summary>A fenced code block. <see cref="Info"/> is the info string (e.g. <c>yaml</c>), <see cref="Code"/> has <c>\n</c> line ends.</summary>
public sealed record CodeBlock(int Line, string Info, string Code) : MarkdownBlock(Line)
{
    /// <summary>1-based line of the first line inside the fence.</summary>
    public int FirstContentLine => Line + 1;
}
