namespace Sixtyfour.HelpBuilder.Markdown;

/// <summary>The YAML front matter of a page: flat <c>key: value</c> pairs, as platyPS writes them.</summary>
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

    internal static FrontMatter Create(int line) => new() { IsPresent = true, Line = line };

    internal bool TryAdd(string key, string value, int line) => _entries.TryAdd(key, (value, line));
}
