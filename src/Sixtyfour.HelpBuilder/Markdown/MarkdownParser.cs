using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdBlock = Markdig.Syntax.Block;
using MdCodeBlock = Markdig.Syntax.CodeBlock;
using MdHeading = Markdig.Syntax.HeadingBlock;
using MdListItem = Markdig.Syntax.ListItemBlock;
using MdParagraph = Markdig.Syntax.ParagraphBlock;

namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>
/// Reads a page with Markdig (CommonMark plus YAML front matter) and flattens its tree into the blocks platyPS
/// pages are made of: headings, paragraphs, list items and fenced code, each with its 1-based line.
/// Quotes and lists are containers only: their paragraphs come out in order. Inline markup is left to <see cref="InlineText"/>.
/// </summary>
public static class MarkdownParser
{
    // Precise source locations give each inline its span, so a paragraph's text can be read back as written.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePreciseSourceLocation().Build();

    public static MarkdownDocument ParseFile(string path, string? displayPath = null)
        => Parse(File.ReadAllText(path), displayPath ?? path);

    public static MarkdownDocument Parse(string text, string file)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var markdown = Markdig.Markdown.Parse(text, Pipeline);
        var frontMatter = FrontMatter.Empty;
        if (markdown.FirstOrDefault() is YamlFrontMatterBlock yaml)
        {
            frontMatter = FrontMatter.Parse(yaml.Lines.ToString(), yaml.Line + 2, file);
        }
        else if (text.Split('\n', 2)[0].TrimEnd() == "---")
        {
            // Markdig takes an unclosed front matter for a thematic break; a page that starts like one is a mistake.
            throw new HelpSchemaException(file, 1, "front matter is not closed: expected a second '---' line");
        }

        var blocks = new List<MarkdownBlock>();
        Flatten(markdown, text, file, blocks);
        return new MarkdownDocument(file, frontMatter, blocks, text.Split('\n').Length);
    }

    private static void Flatten(IEnumerable<MdBlock> container, string text, string file, List<MarkdownBlock> blocks)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case YamlFrontMatterBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup or BlankLineBlock:
                    break;
                case MdHeading heading:
                    blocks.Add(new HeadingBlock(heading.Line + 1, heading.Level, Source(heading.Inline, text).Trim()));
                    break;
                case MdParagraph paragraph:
                    blocks.Add(new ParagraphBlock(paragraph.Line + 1, Source(paragraph.Inline, text)));
                    break;
                case FencedCodeBlock fenced:
                    if (fenced.ClosingFencedCharCount == 0)
                    {
                        throw new HelpSchemaException(file, fenced.Line + 1, $"code block opened with '{new string(fenced.FencedChar, fenced.OpeningFencedCharCount)}' is never closed");
                    }

                    var info = string.IsNullOrEmpty(fenced.Arguments) ? fenced.Info ?? string.Empty : $"{fenced.Info} {fenced.Arguments}";
                    blocks.Add(new CodeBlock(fenced.Line + 1, info, Lines(fenced)));
                    break;
                case MdCodeBlock or HtmlBlock:
                    // Indented code and raw HTML read as text, as platyPS shows them.
                    var leaf = (LeafBlock)block;
                    blocks.Add(new ParagraphBlock(leaf.Line + 1, string.Join('\n', Lines(leaf).Split('\n').Select(l => l.Trim()))));
                    break;
                case MdListItem item:
                    AddListItem(item, text, file, blocks);
                    break;
                case ContainerBlock inner:
                    Flatten(inner, text, file, blocks);
                    break;
                default:
                    throw new HelpSchemaException(file, block.Line + 1, $"unsupported markdown block ({block.GetType().Name})");
            }
        }
    }

    /// <summary>An item's first paragraph is the list item; what follows in it (more paragraphs, code, nested lists) comes after it.</summary>
    private static void AddListItem(MdListItem item, string text, string file, List<MarkdownBlock> blocks)
    {
        var list = (ListBlock)item.Parent!;
        var marker = list.IsOrdered
            ? item.Order.ToString(System.Globalization.CultureInfo.InvariantCulture) + list.OrderedDelimiter
            : list.BulletType.ToString();
        var first = item.FirstOrDefault() as MdParagraph;
        blocks.Add(new ListItemBlock(item.Line + 1, marker, first is null ? string.Empty : Source(first.Inline, text)));
        Flatten(item.Skip(first is null ? 0 : 1), text, file, blocks);
    }

    /// <summary>The inline text as written, one source line per line (lines trimmed; container markers like '&gt;' left out).</summary>
    private static string Source(ContainerInline? inline, string text)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var child in inline)
        {
            if (child is LineBreakInline)
            {
                lines.Add(line.ToString().Trim());
                line.Clear();
                continue;
            }

            line.Append(text, child.Span.Start, child.Span.Length);
        }

        lines.Add(line.ToString().Trim());
        return string.Join('\n', lines);
    }

    private static string Lines(LeafBlock block)
        => string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString().TrimEnd()));
}
