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

    [Theory]
    [InlineData("---\nschema: 2.0.0\nSchema: 2.0.0\n---\n# T\n", 3, "duplicate front matter key 'Schema'")]
    [InlineData("---\nschema: 2.0.0\nonline version: a: b\n---\n# T\n", 3, "malformed front matter")]
    [InlineData("---\nschema:\n  - 2.0.0\n---\n# T\n", 2, "front matter entry 'schema' must be 'key: value' with a single value")]
    public void Front_matter_is_read_as_yaml_of_single_values(string text, int line, string message)
    {
        var ex = Assert.Throws<HelpSchemaException>(() => MarkdownParser.Parse(text, "p.md"));
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Quotes_and_nested_lists_flatten_into_their_paragraphs_in_order()
    {
        var doc = MarkdownParser.Parse("> quoted\n> more\n\n1. one\n   - inner\n\n   after\n2) two\n", "p.md");
        Assert.Collection(doc.Blocks,
            b => Assert.Equal(new ParagraphBlock(1, "quoted\nmore"), b),
            b => Assert.Equal(new ListItemBlock(4, "1.", "one"), b),
            b => Assert.Equal(new ListItemBlock(5, "-", "inner"), b),
            b => Assert.Equal(new ParagraphBlock(7, "after"), b),
            b => Assert.Equal(new ListItemBlock(8, "2)", "two"), b));
    }
}
