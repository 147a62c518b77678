using System.Text;
using System.Text.RegularExpressions;

namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>Turns inline markdown into the plain text that help shows.</summary>
public static partial class InlineText
{
    private const char PlaceholderBase = '\uE000';

    [GeneratedRegex(@"!\[(?<text>[^\]]*)\]\((?<url>[^)\s]*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(?<url>(?:https?|ftp|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"\*\*(?=\S)(?<t>.+?)(?<=\S)\*\*")]
    private static partial Regex StrongStar();

    [GeneratedRegex(@"(?<![A-Za-z0-9])__(?=\S)(?<t>.+?)(?<=\S)__(?![A-Za-z0-9])")]
    private static partial Regex StrongUnderscore();

    [GeneratedRegex(@"(?<![\w*])\*(?=[^\s*])(?<t>.+?)(?<=[^\s*])\*(?![\w*])")]
    private static partial Regex EmphasisStar();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])_(?=[^\s_])(?<t>.+?)(?<=[^\s_])_(?![A-Za-z0-9_])")]
    private static partial Regex EmphasisUnderscore();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex SoftBreak();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Joins soft-wrapped lines with a space and strips inline markup.</summary>
    public static string ToPlain(string markdown) => StripInline(SoftBreak().Replace(markdown.Trim(), " "));

    /// <summary>True when the text still holds a platyPS <c>{{ … }}</c> placeholder.</summary>
    public static bool HasPlaceholder(string text) => PlaceholderPattern().IsMatch(text);

    /// <summary>Every <c>[text](url)</c> in a line, in order.</summary>
    public static IEnumerable<(string Text, string Url)> Links(string markdown)
        => Link().Matches(markdown).Select(m => (StripInline(m.Groups["text"].Value), m.Groups["url"].Value));

    public static bool IsAbsoluteUri(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp" or "mailto";

    private static string StripInline(string text)
    {
        // Protect code spans and backslash escapes from the emphasis/link rewriting, restore them at the end.
        var protectedText = new List<string>();
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] > ' ' && text[i + 1] < 127)
            {
                sb.Append(Protect(protectedText, text[i + 1].ToString()));
                i++;
                continue;
            }

            if (c == '`')
            {
                var run = 1;
                while (i + run < text.Length && text[i + run] == '`')
                {
                    run++;
                }

                var ticks = new string('`', run);
                var close = text.IndexOf(ticks, i + run, StringComparison.Ordinal);
                if (close > 0)
                {
                    var code = text[(i + run)..close];
                    if (code.Length > 2 && code[0] == ' ' && code[^1] == ' ')
                    {
                        code = code[1..^1];
                    }

                    sb.Append(Protect(protectedText, code));
                    i = close + run - 1;
                    continue;
                }

                sb.Append(ticks);
                i += run - 1;
                continue;
            }

            sb.Append(c);
        }

        var result = sb.ToString();
        result = Image().Replace(result, m => m.Groups["text"].Value);
        result = Link().Replace(result, m =>
        {
            var label = m.Groups["text"].Value;
            var url = m.Groups["url"].Value;
            return IsAbsoluteUri(url) && !string.Equals(label, url, StringComparison.Ordinal) ? $"{label} ({url})" : label;
        });
        result = AutoLink().Replace(result, m => m.Groups["url"].Value);
        result = StrongStar().Replace(result, m => m.Groups["t"].Value);
        result = StrongUnderscore().Replace(result, m => m.Groups["t"].Value);
        result = EmphasisStar().Replace(result, m => m.Groups["t"].Value);
        result = EmphasisUnderscore().Replace(result, m => m.Groups["t"].Value);

        for (var i = protectedText.Count - 1; i >= 0; i--)
        {
            result = result.Replace(((char)(PlaceholderBase + i)).ToString(), protectedText[i], StringComparison.Ordinal);
        }

        return result;
    }

    private static string Protect(List<string> store, string value)
    {
        store.Add(value);
        return ((char)(PlaceholderBase + store.Count - 1)).ToString();
    }
}
