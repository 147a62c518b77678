using System.Text.RegularExpressions;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>The parsed docs folder plus every diagnostic found on the way.</summary>
public sealed class DocsSet
{
    public List<CommandHelp> Commands { get; } = [];

    public List<AboutTopic> AboutTopics { get; } = [];

    /// <summary><c>file:line: message</c> lines; any entry fails the build.</summary>
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];
}

/// <summary>Finds and parses <c>&lt;Verb&gt;-&lt;Noun&gt;.md</c> and <c>about_*.md</c> pages in a docs folder.</summary>
public static partial class DocsLoader
{
    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z0-9_]+\.md$")]
    private static partial Regex CommandFile();

    [GeneratedRegex(@"^about_[A-Za-z0-9_.]+\.md$", RegexOptions.IgnoreCase)]
    private static partial Regex AboutFile();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Placeholder();

    public static DocsSet Load(string docsDirectory, string? moduleName = null, string? expectedHelpFile = null, bool placeholdersAreErrors = false)
    {
        var result = new DocsSet();
        if (!Directory.Exists(docsDirectory))
        {
            result.Errors.Add($"{docsDirectory}:0: docs folder does not exist");
            return result;
        }

        var files = Directory.EnumerateFiles(docsDirectory, "*.md", SearchOption.TopDirectoryOnly)
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();

        foreach (var path in files)
        {
            var fileName = Path.GetFileName(path);
            var isCommand = CommandFile().IsMatch(fileName);
            var isAbout = AboutFile().IsMatch(fileName);
            if (!isCommand && !isAbout)
            {
                continue; // module page (Sixtyfour.md), README.md, ...
            }

            var text = File.ReadAllText(path);
            CheckPlaceholders(text, path, placeholdersAreErrors ? result.Errors : result.Warnings);
            try
            {
                var document = MarkdownParser.Parse(text, path);
                if (isAbout)
                {
                    result.AboutTopics.Add(AboutPageParser.Parse(document, Path.GetFileNameWithoutExtension(path)));
                    continue;
                }

                var command = CommandPageParser.Parse(document);
                var expectedName = Path.GetFileNameWithoutExtension(path);
                if (!string.Equals(command.Name, expectedName, StringComparison.Ordinal))
                {
                    throw document.Error(FindHeadingLine(document), $"the heading '# {command.Name}' does not match the file name '{fileName}'");
                }

                if (moduleName is not null && command.ModuleName is not null && !string.Equals(command.ModuleName, moduleName, StringComparison.Ordinal))
                {
                    throw document.Error(document.FrontMatter.LineOf("Module Name"), $"'Module Name: {command.ModuleName}' should be '{moduleName}'");
                }

                if (expectedHelpFile is not null && !string.Equals(command.ExternalHelpFile, expectedHelpFile, StringComparison.Ordinal))
                {
                    throw document.Error(document.FrontMatter.LineOf("external help file"),
                        $"'external help file: {command.ExternalHelpFile}' should be '{expectedHelpFile}' (Get-Help finds no help under another name)");
                }

                result.Commands.Add(command);
            }
            catch (HelpSchemaException ex)
            {
                result.Errors.Add(ex.ToString());
            }
        }

        if (result.Errors.Count == 0 && expectedHelpFile is null)
        {
            var names = result.Commands.Select(c => c.ExternalHelpFile).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count > 1)
            {
                foreach (var command in result.Commands.Where(c => c.ExternalHelpFile != result.Commands[0].ExternalHelpFile))
                {
                    result.Errors.Add($"{command.SourceFile}:1: 'external help file: {command.ExternalHelpFile}' differs from '{result.Commands[0].ExternalHelpFile}' in {result.Commands[0].SourceFile}");
                }
            }
        }

        return result;
    }

    private static int FindHeadingLine(MarkdownDocument document)
        => document.Blocks.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1)?.Line ?? 1;

    private static void CheckPlaceholders(string text, string path, List<string> sink)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Placeholder().Match(lines[i]);
            if (match.Success)
            {
                sink.Add($"{path}:{i + 1}: placeholder '{match.Value}' has not been filled in");
            }
        }
    }
}
