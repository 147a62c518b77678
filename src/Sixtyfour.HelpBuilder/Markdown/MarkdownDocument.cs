namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>A parsed markdown file: front matter plus a flat list of blocks.</summary>
public sealed class MarkdownDocument
{
    public MarkdownDocument(string file, FrontMatter frontMatter, IReadOnlyList<MarkdownBlock> blocks, int lineCount)
    {
        File = file;
        FrontMatter = frontMatter;
        Blocks = blocks;
        LineCount = lineCount;
    }

    /// <summary>The path used in diagnostics.</summary>
    public string File { get; }

    public FrontMatter FrontMatter { get; }

    public IReadOnlyList<MarkdownBlock> Blocks { get; }

    public int LineCount { get; }

    public HelpSchemaException Error(int line, string message) => new(File, line, message);
}
