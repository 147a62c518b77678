using System.Text.RegularExpressions;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>Reads a platyPS about page: <c># about_Name</c>, <c>## SHORT DESCRIPTION</c>, <c>## LONG DESCRIPTION</c>, further <c>##</c> sections.</summary>
public static partial class AboutPageParser
{
    public const string ShortDescription = "SHORT DESCRIPTION";
    public const string LongDescription = "LONG DESCRIPTION";

    [GeneratedRegex(@"^about_[A-Za-z0-9_.]+$")]
    private static partial Regex AboutName();

    public static AboutTopic Parse(MarkdownDocument document, string? expectedName = null)
    {
        var (lead, titles) = Section.Split(document.Blocks, 1);
        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, "expected '# about_Name' before any other content");
        }

        if (titles.Count != 1)
        {
            throw document.Error(titles.Count == 0 ? document.LineCount : titles[1].Heading.Line, "an about page has exactly one '# about_Name' heading");
        }

        var title = titles[0];
        if (!AboutName().IsMatch(title.Title))
        {
            throw document.Error(title.Heading.Line, $"'{title.Title}' is not an about topic name: expected '# about_Name'");
        }

        if (expectedName is not null && !string.Equals(expectedName, title.Title, StringComparison.Ordinal))
        {
            throw document.Error(title.Heading.Line, $"the heading '{title.Title}' does not match the file name '{expectedName}.md'");
        }

        var (beforeSections, sections) = Section.Split(title.Blocks, 2);
        if (beforeSections.Count > 0)
        {
            throw document.Error(beforeSections[0].Line, "expected '## SHORT DESCRIPTION' after the topic name");
        }

        var result = new List<AboutSection>();
        foreach (var section in sections)
        {
            var heading = string.Join(' ', section.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
            if (heading.Length == 0)
            {
                throw document.Error(section.Heading.Line, "empty section heading");
            }

            if (result.Any(r => r.Heading == heading))
            {
                throw document.Error(section.Heading.Line, $"section '## {heading}' appears twice");
            }

            var deep = section.Blocks.OfType<HeadingBlock>().FirstOrDefault(h => h.Level > 3);
            if (deep is not null)
            {
                throw document.Error(deep.Line, "about topics support '##' and '###' headings only");
            }

            result.Add(new AboutSection(heading, section.Blocks));
        }

        var shortDescription = result.FirstOrDefault(s => s.Heading == ShortDescription);
        if (result.Count == 0 || result[0].Heading != ShortDescription)
        {
            throw document.Error(sections.Count > 0 ? sections[0].Heading.Line : title.Heading.Line, "the first section of an about page must be '## SHORT DESCRIPTION'");
        }

        if (!shortDescription!.Blocks.Any(b => b is ParagraphBlock or ListItemBlock))
        {
            throw document.Error(sections[0].Heading.Line, "SHORT DESCRIPTION is empty");
        }

        if (!result.Any(s => s.Heading == LongDescription))
        {
            throw document.Error(title.Heading.Line, "missing required section '## LONG DESCRIPTION'");
        }

        return new AboutTopic(title.Title, document.File, result);
    }
}
