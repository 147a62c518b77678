using Sixtyfour.HelpBuilder.Markdown;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>Turns text blocks into the paragraphs that become <c>maml:para</c>.</summary>
public static class Paragraphs
{
    public static IReadOnlyList<string> From(IEnumerable<MarkdownBlock> blocks)
    {
        var result = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    result.Add(InlineText.ToPlain(p.Text));
                    break;
                case ListItemBlock item:
                    var marker = char.IsDigit(item.Marker[0]) ? item.Marker : "-";
                    result.Add($"{marker} {InlineText.ToPlain(item.Text)}");
                    break;
                case CodeBlock code when code.Code.Length > 0:
                    result.Add(code.Code);
                    break;
            }
        }

        return result;
    }
}
