using System.Text.RegularExpressions;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Parsing;

/// <summary>
/// Reads a platyPS schema 2.0.0 command page into a <see cref="CommandHelp"/>, rejecting anything that
/// real platyPS <c>New-ExternalHelp</c> would not read the same way.
/// </summary>
public static partial class CommandPageParser
{
    public const string Synopsis = "SYNOPSIS";
    public const string Syntax = "SYNTAX";
    public const string Description = "DESCRIPTION";
    public const string Examples = "EXAMPLES";
    public const string Parameters = "PARAMETERS";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RelatedLinks = "RELATED LINKS";

    public const string CommonParametersToken = "CommonParameters";
    public const string WorkflowCommonParametersToken = "WorkflowCommonParameters";
    private const string DefaultSuffix = "(Default)";

    private static readonly string[] RequiredSections = [Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs];

    private static readonly string[] KnownSections = [.. RequiredSections, Notes, RelatedLinks];

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z0-9_]+$")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"^-[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterHeading();

    public static CommandHelp Parse(MarkdownDocument document)
    {
        var frontMatter = document.FrontMatter;
        if (!frontMatter.IsPresent)
        {
            throw document.Error(1, "missing front matter: a command page starts with '---', 'external help file:', 'Module Name:', 'online version:', 'schema: 2.0.0', '---'");
        }

        var schema = frontMatter["schema"];
        if (schema != "2.0.0")
        {
            throw document.Error(frontMatter.LineOf("schema"), schema is null
                ? "front matter has no 'schema: 2.0.0'"
                : $"unsupported schema '{schema}': only platyPS schema 2.0.0 is supported");
        }

        var externalHelpFile = frontMatter["external help file"];
        if (string.IsNullOrWhiteSpace(externalHelpFile))
        {
            throw document.Error(frontMatter.LineOf("external help file"), "front matter has no 'external help file' (for a binary module: '<Assembly>.dll-Help.xml')");
        }

        var (lead, titles) = Section.Split(document.Blocks, 1);
        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, "expected '# <Command-Name>' before any other content");
        }

        if (titles.Count == 0)
        {
            throw document.Error(document.LineCount, "missing '# <Command-Name>' heading");
        }

        if (titles.Count > 1)
        {
            throw document.Error(titles[1].Heading.Line, "a command page has exactly one '#' heading");
        }

        var title = titles[0];
        var name = title.Title;
        if (!CommandName().IsMatch(name))
        {
            throw document.Error(title.Heading.Line, $"'{name}' is not a Verb-Noun command name");
        }

        var (beforeSections, sectionList) = Section.Split(title.Blocks, 2);
        if (beforeSections.Count > 0)
        {
            throw document.Error(beforeSections[0].Line, "expected a '## SECTION' heading after the command name");
        }

        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        foreach (var section in sectionList)
        {
            var key = Normalize(section.Title);
            if (!KnownSections.Contains(key))
            {
                throw document.Error(section.Heading.Line, $"unknown section '## {section.Title}'; expected one of: {string.Join(", ", KnownSections)}");
            }

            if (!sections.TryAdd(key, section))
            {
                throw document.Error(section.Heading.Line, $"section '## {key}' appears twice");
            }
        }

        foreach (var required in RequiredSections)
        {
            if (!sections.ContainsKey(required))
            {
                throw document.Error(title.Heading.Line, $"missing required section '## {required}'");
            }
        }

        var synopsis = TextOnly(sections[Synopsis], document);
        if (synopsis.Count == 0)
        {
            throw document.Error(sections[Synopsis].Heading.Line, "SYNOPSIS is empty");
        }

        var parameterSets = ParseSyntax(sections[Syntax], document);
        var parameters = ParseParameters(sections[Parameters], document, out var supportsCommon);
        CheckParameterSets(parameterSets, parameters, document);

        return new CommandHelp
        {
            Name = name,
            SourceFile = document.File,
            ExternalHelpFile = externalHelpFile,
            ModuleName = NullIfEmpty(frontMatter["Module Name"]),
            OnlineVersion = NullIfEmpty(frontMatter["online version"]),
            Synopsis = synopsis,
            Description = TextOnly(sections[Description], document),
            ParameterSets = parameterSets,
            Examples = ParseExamples(sections[Examples], document),
            Parameters = parameters,
            SupportsCommonParameters = supportsCommon,
            Inputs = ParseTypes(sections[Inputs], document),
            Outputs = ParseTypes(sections[Outputs], document),
            Notes = sections.TryGetValue(Notes, out var notes) ? TextOnly(notes, document) : [],
            RelatedLinks = sections.TryGetValue(RelatedLinks, out var links) ? ParseLinks(links, document) : [],
        };
    }

    private static string Normalize(string title) => string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string> TextOnly(Section section, MarkdownDocument document)
    {
        var heading = section.Blocks.OfType<HeadingBlock>().FirstOrDefault();
        if (heading is not null)
        {
            throw document.Error(heading.Line, $"'## {Normalize(section.Title)}' cannot contain headings");
        }

        return Paragraphs.From(section.Blocks);
    }

    private static List<ParameterSetHeading> ParseSyntax(Section section, MarkdownDocument document)
    {
        var (lead, sets) = Section.Split(section.Blocks, 3);
        var result = new List<ParameterSetHeading>();
        if (sets.Count == 0)
        {
            var codeBlocks = lead.OfType<CodeBlock>().ToList();
            var other = lead.FirstOrDefault(b => b is not CodeBlock);
            if (other is not null)
            {
                throw document.Error(other.Line, "SYNTAX holds only '### SetName' headings and fenced syntax blocks");
            }

            if (codeBlocks.Count != 1)
            {
                throw document.Error(codeBlocks.Count == 0 ? section.Heading.Line : codeBlocks[1].Line,
                    "SYNTAX without '### SetName' headings must hold exactly one fenced syntax block");
            }

            return result;
        }

        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, "SYNTAX content must come under a '### SetName' heading when the command has several parameter sets");
        }

        foreach (var set in sets)
        {
            var text = set.Title;
            var isDefault = text.EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase);
            var setName = isDefault ? text[..^DefaultSuffix.Length].Trim() : text.Trim();
            if (setName.Length == 0 || setName.Contains(','))
            {
                throw document.Error(set.Heading.Line, $"'{text}' is not a parameter set name");
            }

            if (set.Blocks.Count != 1 || set.Blocks[0] is not CodeBlock)
            {
                var where = set.Blocks.FirstOrDefault(b => b is not CodeBlock)?.Line ?? set.Heading.Line;
                throw document.Error(where, $"parameter set '{setName}' under SYNTAX must hold exactly one fenced syntax block");
            }

            if (result.Any(r => string.Equals(r.Name, setName, StringComparison.OrdinalIgnoreCase)))
            {
                throw document.Error(set.Heading.Line, $"parameter set '{setName}' is listed twice under SYNTAX");
            }

            if (isDefault && result.Any(r => r.IsDefault))
            {
                throw document.Error(set.Heading.Line, "only one parameter set can be marked (Default)");
            }

            result.Add(new ParameterSetHeading(setName, isDefault, set.Heading.Line));
        }

        return result;
    }

    private static List<ExampleHelp> ParseExamples(Section section, MarkdownDocument document)
    {
        var (lead, examples) = Section.Split(section.Blocks, 3);
        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, "EXAMPLES content must come under a '### Example N: title' heading");
        }

        if (examples.Count == 0)
        {
            throw document.Error(section.Heading.Line, "EXAMPLES has no '### Example' entry");
        }

        var result = new List<ExampleHelp>();
        foreach (var example in examples)
        {
            var heading = example.Blocks.OfType<HeadingBlock>().FirstOrDefault();
            if (heading is not null)
            {
                throw document.Error(heading.Line, "an example cannot contain headings");
            }

            var firstCode = example.Blocks.ToList().FindIndex(b => b is CodeBlock);
            if (firstCode < 0)
            {
                throw document.Error(example.Heading.Line, $"example '{example.Title}' has no fenced code block");
            }

            var lastCode = example.Blocks.ToList().FindLastIndex(b => b is CodeBlock);
            var between = example.Blocks.Skip(firstCode).Take(lastCode - firstCode + 1).FirstOrDefault(b => b is not CodeBlock);
            if (between is not null)
            {
                throw document.Error(between.Line, $"example '{example.Title}': text between its code blocks is not supported by platyPS; put it after the code");
            }

            var code = string.Join("\n\n", example.Blocks.OfType<CodeBlock>().Select(c => c.Code));
            result.Add(new ExampleHelp(
                example.Title,
                Paragraphs.From(example.Blocks.Take(firstCode)),
                code,
                Paragraphs.From(example.Blocks.Skip(lastCode + 1))));
        }

        return result;
    }

    private static List<ParameterHelp> ParseParameters(Section section, MarkdownDocument document, out bool supportsCommon)
    {
        supportsCommon = false;
        var (lead, entries) = Section.Split(section.Blocks, 3);
        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, "PARAMETERS content must come under a '### -Name' heading");
        }

        var result = new List<ParameterHelp>();
        foreach (var entry in entries)
        {
            var title = entry.Title;
            if (title is CommonParametersToken or WorkflowCommonParametersToken)
            {
                supportsCommon |= title == CommonParametersToken;
                continue;
            }

            if (!ParameterHeading().IsMatch(title))
            {
                throw document.Error(entry.Heading.Line, $"'### {title}' is not a parameter heading: expected '### -Name' or '### CommonParameters'");
            }

            var name = title[1..];
            if (result.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw document.Error(entry.Heading.Line, $"parameter -{name} is documented twice");
            }

            var heading = entry.Blocks.OfType<HeadingBlock>().FirstOrDefault();
            if (heading is not null)
            {
                throw document.Error(heading.Line, $"parameter -{name} cannot contain headings");
            }

            var firstYaml = entry.Blocks.ToList().FindIndex(IsYaml);
            if (firstYaml < 0)
            {
                throw document.Error(entry.Heading.Line, $"parameter -{name} has no ```yaml block");
            }

            var trailing = entry.Blocks.Skip(firstYaml).FirstOrDefault(b => !IsYaml(b));
            if (trailing is not null)
            {
                throw document.Error(trailing.Line, $"parameter -{name}: only ```yaml blocks may follow the first yaml block");
            }

            var blocks = entry.Blocks.Skip(firstYaml).Cast<CodeBlock>()
                .Select(b => ParameterYamlParser.Parse(b, document, name))
                .ToList();
            CheckBlocks(name, blocks, document);

            result.Add(new ParameterHelp
            {
                Name = name,
                Line = entry.Heading.Line,
                Description = Paragraphs.From(entry.Blocks.Take(firstYaml)),
                Blocks = blocks,
            });
        }

        return result;
    }

    private static bool IsYaml(MarkdownBlock block)
        => block is CodeBlock c && (c.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase) || c.Info.Equals("yml", StringComparison.OrdinalIgnoreCase));

    private static void CheckBlocks(string name, List<ParameterMetadata> blocks, MarkdownDocument document)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks)
        {
            if (block.Type != blocks[0].Type)
            {
                throw document.Error(block.Line, $"parameter -{name} has a different Type in this yaml block ('{block.Type}' vs '{blocks[0].Type}')");
            }

            foreach (var set in block.ParameterSets)
            {
                if (!seen.Add(set))
                {
                    throw document.Error(block.Line, $"parameter -{name} describes set '{set}' in more than one yaml block");
                }
            }
        }
    }

    private static void CheckParameterSets(List<ParameterSetHeading> declared, List<ParameterHelp> parameters, MarkdownDocument document)
    {
        foreach (var parameter in parameters)
        {
            foreach (var block in parameter.Blocks)
            {
                foreach (var set in block.ParameterSets)
                {
                    if (set == ParameterHelp.AllParameterSets)
                    {
                        continue;
                    }

                    if (declared.Count == 0)
                    {
                        throw document.Error(block.Line,
                            $"parameter -{parameter.Name} names set '{set}', but SYNTAX declares no '### {set}' heading (with a single parameter set, use 'Parameter Sets: (All)')");
                    }

                    if (!declared.Any(d => string.Equals(d.Name, set, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw document.Error(block.Line, $"parameter -{parameter.Name} names set '{set}', which is not one of the SYNTAX sets: {string.Join(", ", declared.Select(d => d.Name))}");
                    }
                }
            }
        }
    }

    private static List<TypeHelp> ParseTypes(Section section, MarkdownDocument document)
    {
        var (lead, types) = Section.Split(section.Blocks, 3);
        if (lead.Count > 0)
        {
            throw document.Error(lead[0].Line, $"{Normalize(section.Title)} content must come under a '### TypeName' heading");
        }

        var result = new List<TypeHelp>();
        foreach (var type in types)
        {
            var heading = type.Blocks.OfType<HeadingBlock>().FirstOrDefault();
            if (heading is not null)
            {
                throw document.Error(heading.Line, $"'### {type.Title}' cannot contain headings");
            }

            result.Add(new TypeHelp(InlineText.ToPlain(type.Title), Paragraphs.From(type.Blocks)));
        }

        return result;
    }

    private static List<LinkHelp> ParseLinks(Section section, MarkdownDocument document)
    {
        var result = new List<LinkHelp>();
        foreach (var block in section.Blocks)
        {
            var text = block switch
            {
                ParagraphBlock p => p.Text,
                ListItemBlock li => li.Text,
                _ => throw document.Error(block.Line, "RELATED LINKS holds only '[text](url)' links, one per paragraph or list item"),
            };

            foreach (var line in text.Split('\n'))
            {
                var links = InlineText.Links(line).ToList();
                if (links.Count == 0)
                {
                    // platyPS keeps a bare line as a link with text only.
                    result.Add(new LinkHelp(InlineText.ToPlain(line), string.Empty));
                    continue;
                }

                result.AddRange(links.Select(l => new LinkHelp(l.Text, InlineText.IsAbsoluteUri(l.Url) ? l.Url : string.Empty)));
            }
        }

        return result;
    }
}
