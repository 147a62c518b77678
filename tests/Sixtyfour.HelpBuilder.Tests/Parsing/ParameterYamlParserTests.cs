using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Parsing;

namespace Sixtyfour.HelpBuilder.Tests.Parsing;

public class ParameterYamlParserTests
{
    private static Model.ParameterMetadata Parse(string yaml)
    {
        var document = MarkdownParser.Parse("```yaml\n" + yaml + "\n```\n", "p.md");
        return ParameterYamlParser.Parse((CodeBlock)document.Blocks[0], document, "X");
    }

    private const string Valid = "Type: String[]\nParameter Sets: A, B\nAliases: N, ThingName\nAccepted values: Csv, Json\n\nRequired: True\nPosition: 2\nDefault value: @{}\nAccept pipeline input: True (ByValue, ByPropertyName)\nAccept wildcard characters: True";

    [Fact]
    public void Parses_every_key()
    {
        var m = Parse(Valid);
        Assert.Equal("String[]", m.Type);
        Assert.Equal(["A", "B"], m.ParameterSets);
        Assert.Equal(["N", "ThingName"], m.Aliases);
        Assert.Equal(["Csv", "Json"], m.AcceptedValues);
        Assert.True(m.Required);
        Assert.Equal(2, m.Position);
        Assert.Equal("@{}", m.DefaultValue);
        Assert.Equal("True (ByPropertyName, ByValue)", m.PipelineInputText);
        Assert.True(m.Globbing);
    }

    [Theory]
    [InlineData("Accept pipeline input: False", "False")]
    [InlineData("Accept pipeline input: True (ByValue)", "True (ByValue)")]
    [InlineData("Accept pipeline input: True (ByPropertyName)", "True (ByPropertyName)")]
    [InlineData("Accept pipeline input: True (ByPropertyName, ByValue)", "True (ByPropertyName, ByValue)")]
    [InlineData("Accept pipeline input: true (byvalue,bypropertyname)", "True (ByPropertyName, ByValue)")]
    public void Normalizes_pipeline_input_as_platyPS_writes_it(string line, string expected)
        => Assert.Equal(expected, Parse($"Type: String\nParameter Sets: (All)\nRequired: False\nPosition: Named\n{line}").PipelineInputText);

    [Fact]
    public void Named_position_is_lower_case_named_in_maml()
        => Assert.Equal("named", Parse("Type: String\nParameter Sets: (All)\nRequired: False\nPosition: Named").PositionText);

    private const string Base = "Type: String\nParameter Sets: (All)\nRequired: False\nPosition: Named";

    // The fence is line 1, so the yaml's first line is line 2.
    [Theory]
    [InlineData("Type String\nParameter Sets: (All)", 2, "malformed yaml in parameter -X")]
    [InlineData(Base + "\nTypo: String", 6, "unknown key 'Typo'")]
    [InlineData(Base + "\ndefault value: None", 6, "must be spelled 'Default value'")]
    [InlineData("Type: String\nParameter Sets: (All)\nRequired: Yes\nPosition: Named", 4, "'Required' of -X must be True or False")]
    [InlineData("Type: String\nParameter Sets: (All)\nRequired: False\nPosition: -1", 5, "'Position' of -X must be Named or a number")]
    [InlineData(Base + "\nAccept pipeline input: True", 6, "'Accept pipeline input' of -X must be")]
    [InlineData(Base + "\nAccept pipeline input: True (ByValue, ByValue)", 6, "'Accept pipeline input' of -X must be")]
    [InlineData(Base + "\nAccept wildcard characters: maybe", 6, "'Accept wildcard characters' of -X must be True or False")]
    [InlineData("Type: String\nParameter Sets: (All), A\nRequired: False\nPosition: Named", 3, "must be '(All)' or")]
    public void Rejects_malformed_yaml_with_its_line(string yaml, int line, string message)
    {
        var ex = Assert.Throws<HelpSchemaException>(() => Parse(yaml));
        Assert.Contains(message, ex.Message);
        Assert.Equal("p.md", ex.File);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Missing_required_key_points_at_the_fence()
    {
        var ex = Assert.Throws<HelpSchemaException>(() => Parse("Type: String\nRequired: False\nPosition: Named"));
        Assert.Equal(1, ex.Line);
        Assert.Contains("no 'Parameter Sets' value", ex.Message);
    }

    [Fact]
    public void Duplicate_key_is_an_error()
    {
        var ex = Assert.Throws<HelpSchemaException>(() => Parse("Type: String\nType: Int32\nParameter Sets: (All)\nRequired: False\nPosition: Named"));
        Assert.Equal(3, ex.Line);
    }
}
