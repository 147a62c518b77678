using System.Text;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.About;

/// <summary>
/// Renders an about topic in the classic <c>about_*.help.txt</c> layout: section headings in capitals at
/// column 0, text indented four spaces and wrapped at 80 columns, code indented four spaces and never wrapped.
/// </summary>
public static class AboutTextWriter
{
    public const int Width = 80;
    private const string Indent = "    ";

    public static string Render(AboutTopic topic)
    {
        var sb = new StringBuilder();
        sb.Append("TOPIC\n");
        sb.Append(Indent).Append(topic.Name).Append('\n');

        foreach (var section in topic.Sections)
        {
            sb.Append('\n').Append(section.Heading).Append('\n');
            var first = true;
            foreach (var block in section.Blocks)
            {
                if (!first && !(block is ListItemBlock && LastWasListItem(section.Blocks, block)))
                {
                    sb.Append('\n');
                }

                first = false;
                switch (block)
                {
                    case ParagraphBlock p:
                        Wrap(sb, InlineText.ToPlain(p.Text), Indent, Indent);
                        break;
                    case ListItemBlock item:
                        var marker = char.IsDigit(item.Marker[0]) ? item.Marker : "-";
                        Wrap(sb, InlineText.ToPlain(item.Text), Indent + marker + " ", Indent + new string(' ', marker.Length + 1));
                        break;
                    case CodeBlock code:
                        foreach (var line in code.Code.Split('\n'))
                        {
                            sb.Append(line.Length == 0 ? string.Empty : Indent + line).Append('\n');
                        }

                        break;
                    case HeadingBlock h:
                        sb.Append(Indent).Append(InlineText.ToPlain(h.Text).ToUpperInvariant()).Append('\n');
                        break;
                }
            }
        }

        return sb.ToString();
    }

    private static bool LastWasListItem(IReadOnlyList<MarkdownBlock> blocks, MarkdownBlock block)
    {
        for (var i = 1; i < blocks.Count; i++)
        {
            if (ReferenceEquals(blocks[i], block))
            {
                return blocks[i - 1] is ListItemBlock;
            }
        }

        return false;
    }

    /// <summary>Greedy word wrap to <see cref="Width"/> columns; a word longer than the line stands alone.</summary>
    public static void Wrap(StringBuilder sb, string text, string firstIndent, string nextIndent)
    {
        var line = new StringBuilder(firstIndent);
        var lineHasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && line.Length + 1 + word.Length > Width)
            {
                sb.Append(line).Append('\n');
                line.Clear().Append(nextIndent);
                lineHasWord = false;
            }

            if (lineHasWord)
            {
                line.Append(' ');
            }

            line.Append(word);
            lineHasWord = true;
        }

        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
