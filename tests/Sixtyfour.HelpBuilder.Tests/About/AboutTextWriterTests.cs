using Sixtyfour.HelpBuilder.About;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Parsing;
using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests.About;

public class AboutTextWriterTests
{
    private static string Render(string markdown, string name = "about_Fixture")
        => AboutTextWriter.Render(AboutPageParser.Parse(MarkdownParser.Parse(markdown, name + ".md"), name));

    [Fact]
    public void Renders_the_classic_layout()
    {
        var text = Render(TestPaths.ReadFixture("about_Fixture.md"));
        var lines = text.Split('\n');
        Assert.Equal(["TOPIC", "    about_Fixture", "", "SHORT DESCRIPTION", "    Explains the fixture module.", "", "LONG DESCRIPTION"], lines[..7]);
        Assert.Contains("SEE ALSO\n    Get-FxThing\n", text);
        Assert.Contains("\n    A SUBSECTION\n", text);
    }

    [Fact]
    public void Wraps_text_at_80_columns_but_not_code()
    {
        var text = Render(TestPaths.ReadFixture("about_Fixture.md"));
        var lines = text.Split('\n');
        var code = lines.Single(l => l.Contains("Format-Table"));
        Assert.StartsWith("    Get-FxThing -Name 'a*'", code);
        Assert.True(code.Length > 80);
        Assert.All(lines.Where(l => l != code), l => Assert.True(l.Length <= 80, $"'{l}' is {l.Length} wide"));
        Assert.Contains("    The fixture module exists so that the help builder tests have a real module\n    to convert help for.", text);
        Assert.Contains("    - First item of the list that is also long enough to need wrapping at the\n      eighty column limit, really.\n    - Second item\n", text);
    }

    [Theory]
    [InlineData("# about_Fixture\n\n## LONG DESCRIPTION\nx\n", 3, "the first section of an about page must be '## SHORT DESCRIPTION'")]
    [InlineData("# about_Fixture\n\n## SHORT DESCRIPTION\nx\n", 1, "missing required section '## LONG DESCRIPTION'")]
    [InlineData("# about_Fixture\n\n## SHORT DESCRIPTION\n\n## LONG DESCRIPTION\nx\n", 3, "SHORT DESCRIPTION is empty")]
    [InlineData("# Fixture\n\n## SHORT DESCRIPTION\nx\n", 1, "is not an about topic name")]
    [InlineData("# about_Other\n\n## SHORT DESCRIPTION\nx\n## LONG DESCRIPTION\ny\n", 1, "does not match the file name")]
    [InlineData("Intro\n# about_Fixture\n", 1, "expected '# about_Name'")]
    public void Rejects_pages_that_break_the_about_schema(string markdown, int line, string message)
    {
        var ex = Assert.Throws<HelpSchemaException>(() => Render(markdown));
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message);
    }
}
