using Sixtyfour.HelpBuilder.Markdown;

namespace Sixtyfour.HelpBuilder.Tests.Markdown;

public class MarkdownParserTests
{
    [Fact]
    public void Reads_front_matter_headings_paragraphs_lists_and_code_with_line_numbers()
    {
        var doc = MarkdownParser.Parse("---\nschema: 2.0.0\nonline version:\n---\n\n# Title\n\nline one\nline two\n\n- item\n  more\n```yaml\nType: String\n```\n", "x.md");

        Assert.Equal("2.0.0", doc.FrontMatter["schema"]);
        Assert.Equal(string.Empty, doc.FrontMatter["online version"]);
        Assert.Equal(3, doc.FrontMatter.LineOf("online version"));
        Assert.Collection(doc.Blocks,
            b => Assert.Equal(new HeadingBlock(6, 1, "Title"), b),
            b => Assert.Equal(new ParagraphBlock(8, "line one\nline two"), b),
            b => Assert.Equal(new ListItemBlock(11, "-", "item\nmore"), b),
            b => Assert.Equal(new CodeBlock(13, "yaml", "Type: String"), b));
    }

    [Fact]
    public void Unclosed_fence_is_an_error_at_its_opening_line()
    {
        var ex = Assert.Throws<HelpSchemaException>(() => MarkdownParser.Parse("# T\n\n```powershell\nGet-Thing\n", "p.md"));
        Assert.Equal("p.md:3: code block opened with '```' is never closed", ex.ToString());
    }

    [Fact]
    public void Unclosed_front_matter_is_an_error()
    {
        var ex = Assert.Throws<HelpSchemaException>(() => MarkdownParser.Parse("---\nschema: 2.0.0\n# T\n", "p.md"));
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Headings_inside_code_are_code()
    {
        var doc = MarkdownParser.Parse("```\n# not a heading\n```\n", "p.md");
        var code = Assert.IsType<CodeBlock>(Assert.Single(doc.Blocks));
        Assert.Equal("# not a heading", code.Code);
    }
}
