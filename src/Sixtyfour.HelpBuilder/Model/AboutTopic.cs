using Sixtyfour.HelpBuilder.Markdown;

namespace Sixtyfour.HelpBuilder.Model;

/// <summary>An <c>about_*.md</c> page: its name and <c>##</c> sections in order.</summary>
public sealed record AboutTopic(string Name, string SourceFile, IReadOnlyList<AboutSection> Sections);

/// <summary>A <c>## HEADING</c> and the blocks under it (paragraphs, list items, code, <c>###</c> headings).</summary>
public sealed record AboutSection(string Heading, IReadOnlyList<MarkdownBlock> Blocks);
