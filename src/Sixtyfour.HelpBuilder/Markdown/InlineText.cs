using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>Turns inline markdown into the plain text that help shows, reading it with Markdig.</summary>
public static partial class InlineText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Joins soft-wrapped lines with a space and strips inline markup.</summary>
    public static string ToPlain(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        foreach (var inline in Inlines(markdown))
        {
            Append(sb, inline);
        }

        return sb.ToString();
    }

    /// <summary>True when the text still holds a platyPS <c>{{ … }}</c> placeholder.</summary>
    public static bool HasPlaceholder(string text) => PlaceholderPattern().IsMatch(text);

    /// <summary>Every <c>[text](url)</c> in a line, in order.</summary>
    public static IEnumerable<(string Text, string Url)> Links(string markdown)
    {
        var links = new List<LinkInline>();
        foreach (var inline in Inlines(markdown))
        {
            CollectLinks(inline, links);
        }

        return links.Select(l => (ToPlain(l), l.Url ?? string.Empty));
    }

    public static bool IsAbsoluteUri(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp" or "mailto";

    /// <summary>The inlines of the text read as one paragraph (a text that reads as several blocks gives them all, in order).</summary>
    private static IEnumerable<Inline> Inlines(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown.Trim(), Pipeline);
        var first = true;
        foreach (var leaf in document.Descendants<LeafBlock>().Where(b => b.Inline is not null))
        {
            if (!first)
            {
                yield return new LineBreakInline();
            }

            first = false;
            foreach (var inline in leaf.Inline!)
            {
                yield return inline;
            }
        }
    }

    private static void CollectLinks(Inline inline, List<LinkInline> links)
    {
        if (inline is LinkInline { IsImage: false } link)
        {
            links.Add(link);
        }
        else if (inline is ContainerInline container)
        {
            foreach (var child in container)
            {
                CollectLinks(child, links);
            }
        }
    }

    private static string ToPlain(ContainerInline container)
    {
        var sb = new StringBuilder();
        foreach (var inline in container)
        {
            Append(sb, inline);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Inline inline)
    {
        switch (inline)
        {
            case LinkInline { IsImage: false } link:
                var label = ToPlain(link);
                var url = link.Url ?? string.Empty;
                sb.Append(IsAbsoluteUri(url) && !string.Equals(label, url, StringComparison.Ordinal) ? $"{label} ({url})" : label);
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(sb, child);
                }

                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                break;
            case HtmlInline html:
                sb.Append(html.Tag);
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.ToString());
                break;
            case LiteralInline literal:
                sb.Append(literal.Content.ToString());
                break;
            default:
                throw new InvalidOperationException($"inline markdown of kind {inline.GetType().Name} has no plain text form");
        }
    }
}
