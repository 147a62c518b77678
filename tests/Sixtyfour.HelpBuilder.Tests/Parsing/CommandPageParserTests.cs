using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Parsing;
using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests.Parsing;

public class CommandPageParserTests
{
    private static Model.CommandHelp ParseFixture()
        => CommandPageParser.Parse(MarkdownParser.Parse(TestPaths.ReadFixture("Get-FxThing.md"), "Get-FxThing.md"));

    [Fact]
    public void Reads_front_matter_name_and_text_sections()
    {
        var help = ParseFixture();
        Assert.Equal("Get-FxThing", help.Name);
        Assert.Equal("Get", help.Verb);
        Assert.Equal("FxThing", help.Noun);
        Assert.Equal("Fixture-help.xml", help.ExternalHelpFile);
        Assert.Equal("Fixture", help.ModuleName);
        Assert.Equal("https://example.invalid/Get-FxThing", help.OnlineVersion);
        Assert.Equal(["Gets things from the fixture store."], help.Synopsis);
        Assert.Equal(4, help.Description.Count);
        Assert.Equal("- First bullet", help.Description[2]);
    }

    [Fact]
    public void Reads_parameter_sets_from_syntax_headings()
    {
        var help = ParseFixture();
        Assert.Equal(["ByName", "ById"], help.ParameterSets.Select(s => s.Name));
        Assert.Equal("ByName", help.DefaultParameterSet);
    }

    [Fact]
    public void Reads_parameters_with_per_set_metadata()
    {
        var help = ParseFixture();
        Assert.Equal(["Name", "Id", "Format", "Force"], help.Parameters.Select(p => p.Name));
        Assert.True(help.SupportsCommonParameters);
        var name = help.Parameters[0];
        Assert.NotNull(name.ForSet("ByName"));
        Assert.Null(name.ForSet("ById"));
        Assert.NotNull(help.Parameters[2].ForSet("ById"));
        Assert.True(help.Parameters[3].IsSwitch);
    }

    [Fact]
    public void Reads_examples_inputs_outputs_notes_and_links()
    {
        var help = ParseFixture();
        Assert.Equal(2, help.Examples.Count);
        Assert.Equal("Example 2: Get by id", help.Examples[1].Title);
        Assert.Equal(["Intro text before the code."], help.Examples[1].Introduction);
        Assert.Equal("Get-FxThing -Id 42\n\nGet-FxThing -Id 43", help.Examples[1].Code);
        Assert.Equal(["Remarks for example 2."], help.Examples[1].Remarks);
        Assert.Equal(["System.String[]", "System.Int32"], help.Inputs.Select(i => i.TypeName));
        Assert.Equal("Fixture.Thing", Assert.Single(help.Outputs).TypeName);
        Assert.Equal(["Notes with <angle> & ampersand."], help.Notes);
        Assert.Equal([new Model.LinkHelp("Online docs", "https://example.invalid/things"), new Model.LinkHelp("about_Fixture", "")], help.RelatedLinks);
    }

    [Fact]
    public void Single_set_page_without_syntax_headings_is_valid()
    {
        var text = TestPaths.ReadFixture("Get-FxThing.md");
        var syntaxStart = text.IndexOf("### ByName (Default)", StringComparison.Ordinal);
        var syntaxEnd = text.IndexOf("## DESCRIPTION", StringComparison.Ordinal);
        text = text[..syntaxStart] + "```\nGet-FxThing [-Name] <String[]>\n```\n\n" + text[syntaxEnd..];
        text = text.Replace("Parameter Sets: ByName", "Parameter Sets: (All)").Replace("Parameter Sets: ById", "Parameter Sets: (All)");
        var help = CommandPageParser.Parse(MarkdownParser.Parse(text, "Get-FxThing.md"));
        Assert.Empty(help.ParameterSets);
    }

    [Fact]
    public void Parameter_with_several_yaml_blocks_gets_one_per_set()
    {
        var text = TestPaths.ReadFixture("Get-FxThing.md").Replace(
            "Parameter Sets: (All)\nAliases:\nAccepted values: Csv, Json\n\nRequired: False\nPosition: Named\nDefault value: Json\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n",
            "Parameter Sets: ByName\nAliases:\nAccepted values: Csv, Json\n\nRequired: False\nPosition: Named\nDefault value: Json\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n```yaml\nType: String\nParameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 1\nDefault value: Json\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n");
        var help = CommandPageParser.Parse(MarkdownParser.Parse(text, "Get-FxThing.md"));
        var format = help.Parameters.Single(p => p.Name == "Format");
        Assert.Equal(2, format.Blocks.Count);
        Assert.False(format.ForSet("ByName")!.Required);
        Assert.True(format.ForSet("ById")!.Required);
        Assert.Equal(1, format.ForSet("ById")!.Position);
    }
}
