using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>The YAML front matter of a page: a mapping of single values, as platyPS writes it.</summary>
public sealed class FrontMatter
{
    private readonly Dictionary<string, (string Value, int Line)> _entries = new(StringComparer.OrdinalIgnoreCase);

    public static FrontMatter Empty { get; } = new();

    public bool IsPresent { get; private init; }

    /// <summary>1-based line of the opening <c>---</c>.</summary>
    public int Line { get; private init; }

    public IEnumerable<string> Keys => _entries.Keys;

    public string? this[string key] => _entries.TryGetValue(key, out var e) ? e.Value : null;

    public int LineOf(string key) => _entries.TryGetValue(key, out var e) ? e.Line : Line;

    /// <summary>Reads the YAML between the <c>---</c> lines; <paramref name="firstLine"/> is the file line of its first line.</summary>
    internal static FrontMatter Parse(string yaml, int firstLine, string file)
    {
        var frontMatter = new FrontMatter { IsPresent = true, Line = firstLine - 1 };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the cause (a duplicate key, say) in a general "while parsing" message.
            var cause = ex.InnerException?.Message ?? ex.Message;
            throw new HelpSchemaException(file, firstLine + (int)ex.Start.Line - 1, $"malformed front matter: {cause}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return frontMatter;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new HelpSchemaException(file, firstLine, "front matter must be 'key: value' lines");
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var line = firstLine + (int)keyNode.Start.Line - 1;
            if (keyNode is not YamlScalarNode { Value: { } key } || valueNode is not YamlScalarNode value)
            {
                throw new HelpSchemaException(file, line, $"front matter entry '{keyNode}' must be 'key: value' with a single value");
            }

            if (!frontMatter._entries.TryAdd(key, (value.Value ?? string.Empty, line)))
            {
                throw new HelpSchemaException(file, line, $"duplicate front matter key '{key}'");
            }
        }

        return frontMatter;
    }
}
