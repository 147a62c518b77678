using System.Text;
using System.Text.RegularExpressions;

namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>
/// A small line-oriented block parser covering what platyPS pages use: front matter, ATX headings,
/// fenced code, paragraphs, list items and block quotes. Inline markup is left to <see cref="InlineText"/>.
/// </summary>
public static partial class MarkdownParser
{
    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})[ \t]*(?<info>[^`]*?)[ \t]*$")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^ {0,3}(?<marker>[-*+]|\d{1,9}[.)])[ \t]+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^ {0,3}>[ ]?(?<text>.*)$")]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^(?<key>[^:#][^:]*?)[ \t]*:(?:[ \t]+(?<value>.*?))?[ \t]*$")]
    private static partial Regex FrontMatterLine();

    public static MarkdownDocument ParseFile(string path, string? displayPath = null)
        => Parse(File.ReadAllText(path), displayPath ?? path);

    public static MarkdownDocument Parse(string text, string file)
    {
        var lines = SplitLines(text);
        var index = 0;
        var frontMatter = ParseFrontMatter(lines, file, ref index);
        var blocks = new List<MarkdownBlock>();

        var paragraph = new StringBuilder();
        var paragraphLine = 0;
        string? listMarker = null;
        var listLine = 0;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(listMarker is null
                    ? new ParagraphBlock(paragraphLine, paragraph.ToString())
                    : new ListItemBlock(listLine, listMarker, paragraph.ToString()));
            }

            paragraph.Clear();
            listMarker = null;
        }

        void Append(string line, int lineNumber)
        {
            if (paragraph.Length == 0)
            {
                paragraphLine = lineNumber;
            }
            else
            {
                paragraph.Append('\n');
            }

            paragraph.Append(line.Trim());
        }

        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;

            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
                continue;
            }

            var fence = FenceOpen().Match(line);
            if (fence.Success)
            {
                Flush();
                blocks.Add(ReadFence(lines, ref index, fence, file));
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                Flush();
                blocks.Add(new HeadingBlock(lineNumber, heading.Groups["hashes"].Length, heading.Groups["text"].Value.Trim()));
                continue;
            }

            if (ThematicBreak().IsMatch(line))
            {
                Flush();
                continue;
            }

            var item = ListItem().Match(line);
            if (item.Success)
            {
                Flush();
                listMarker = item.Groups["marker"].Value;
                listLine = lineNumber;
                Append(item.Groups["text"].Value, lineNumber);
                continue;
            }

            var quote = BlockQuote().Match(line);
            Append(quote.Success ? quote.Groups["text"].Value : line, lineNumber);
        }

        Flush();
        return new MarkdownDocument(file, frontMatter, blocks, lines.Length);
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
    }

    private static FrontMatter ParseFrontMatter(string[] lines, string file, ref int index)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return FrontMatter.Empty;
        }

        var frontMatter = FrontMatter.Create(1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() == "---")
            {
                index = i + 1;
                return frontMatter;
            }

            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var match = FrontMatterLine().Match(line);
            if (!match.Success)
            {
                throw new HelpSchemaException(file, i + 1, $"malformed front matter line '{line.Trim()}': expected 'key: value'");
            }

            var key = match.Groups["key"].Value.Trim();
            var value = Unquote(match.Groups["value"].Value.Trim());
            if (!frontMatter.TryAdd(key, value, i + 1))
            {
                throw new HelpSchemaException(file, i + 1, $"duplicate front matter key '{key}'");
            }
        }

        throw new HelpSchemaException(file, 1, "front matter is not closed: expected a second '---' line");
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return value[1..^1];
        }

        return value;
    }

    private static CodeBlock ReadFence(string[] lines, ref int index, Match open, string file)
    {
        var openLine = index + 1;
        var fence = open.Groups["fence"].Value;
        var indent = open.Value.Length - open.Value.TrimStart(' ').Length;
        var info = open.Groups["info"].Value.Trim();
        var content = new List<string>();

        for (index++; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.Trim();
            if (trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]) && line.Length - line.TrimStart(' ').Length <= 3)
            {
                return new CodeBlock(openLine, info, string.Join('\n', content));
            }

            content.Add(RemoveIndent(line, indent));
        }

        throw new HelpSchemaException(file, openLine, $"code block opened with '{fence}' is never closed");
    }

    private static string RemoveIndent(string line, int indent)
    {
        var i = 0;
        while (i < indent && i < line.Length && line[i] == ' ')
        {
            i++;
        }

        return line[i..].TrimEnd();
    }
}
