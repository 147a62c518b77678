using Sixtyfour.HelpBuilder.Markdown;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>A heading and the blocks up to the next heading of the same or a higher level.</summary>
public sealed record Section(HeadingBlock Heading, IReadOnlyList<MarkdownBlock> Blocks)
{
    public string Title => Heading.Text;

    /// <summary>Splits <paramref name="blocks"/> at headings of exactly <paramref name="level"/>; returns the blocks before the first one as the lead.</summary>
    public static (IReadOnlyList<MarkdownBlock> Lead, IReadOnlyList<Section> Sections) Split(IReadOnlyList<MarkdownBlock> blocks, int level)
    {
        var lead = new List<MarkdownBlock>();
        var sections = new List<Section>();
        HeadingBlock? current = null;
        var body = new List<MarkdownBlock>();
        foreach (var block in blocks)
        {
            if (block is HeadingBlock h && h.Level == level)
            {
                if (current is not null)
                {
                    sections.Add(new Section(current, body));
                }

                current = h;
                body = [];
            }
            else if (current is null)
            {
                lead.Add(block);
            }
            else
            {
                body.Add(block);
            }
        }

        if (current is not null)
        {
            sections.Add(new Section(current, body));
        }

        return (lead, sections);
    }
}
