using System.Xml;
using Sixtyfour.HelpBuilder.Maml;
using Sixtyfour.HelpBuilder.Markdown;
using Sixtyfour.HelpBuilder.Parsing;
using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests.Maml;

public class MamlWriterTests
{
    private readonly XmlDocument _xml;
    private readonly XmlNamespaceManager _ns;

    public MamlWriterTests()
    {
        var help = CommandPageParser.Parse(MarkdownParser.Parse(TestPaths.ReadFixture("Get-FxThing.md"), "Get-FxThing.md"));
        _xml = new XmlDocument();
        _xml.LoadXml(MamlWriter.ToXml([help])); // throws if not well-formed
        _ns = new XmlNamespaceManager(_xml.NameTable);
        _ns.AddNamespace("msh", MamlWriter.MshNamespace);
        _ns.AddNamespace("maml", MamlWriter.MamlNamespace);
        _ns.AddNamespace("command", MamlWriter.CommandNamespace);
        _ns.AddNamespace("dev", MamlWriter.DevNamespace);
    }

    private string Text(string xpath) => (_xml.SelectSingleNode(xpath, _ns) ?? throw new Xunit.Sdk.XunitException($"no node {xpath}")).InnerText;

    private XmlNodeList Nodes(string xpath) => _xml.SelectNodes(xpath, _ns)!;

    private const string Command = "/msh:helpItems/command:command";

    [Fact]
    public void Root_and_details()
    {
        Assert.Equal("maml", _xml.DocumentElement!.GetAttribute("schema"));
        Assert.Equal("Get-FxThing", Text($"{Command}/command:details/command:name"));
        Assert.Equal("Get", Text($"{Command}/command:details/command:verb"));
        Assert.Equal("FxThing", Text($"{Command}/command:details/command:noun"));
        Assert.Equal("Gets things from the fixture store.", Text($"{Command}/command:details/maml:description/maml:para"));
    }

    [Fact]
    public void Children_come_in_the_order_get_help_expects()
    {
        var names = Nodes($"{Command}/*").Cast<XmlNode>().Select(n => n.Name);
        Assert.Equal(
            ["command:details", "maml:description", "command:syntax", "command:parameters", "command:inputTypes", "command:returnValues", "maml:alertSet", "command:examples", "command:relatedLinks"],
            names);
    }

    [Fact]
    public void Description_paragraphs_are_escaped_plain_text()
    {
        var paras = Nodes($"{Command}/maml:description/maml:para").Cast<XmlNode>().Select(n => n.InnerText).ToList();
        Assert.Equal("The Get-FxThing cmdlet gets things whose name matches -Name & friends.", paras[0]);
        Assert.Equal("It returns <Thing> objects; see about_Fixture.", paras[1]);
        Assert.Contains("&amp; friends", _xml.OuterXml);
        Assert.Contains("&lt;Thing&gt;", _xml.OuterXml);
    }

    [Fact]
    public void One_syntax_item_per_set_default_first_with_set_members()
    {
        var items = Nodes($"{Command}/command:syntax/command:syntaxItem");
        Assert.Equal(2, items.Count);
        Assert.Equal(["Name", "Format", "Force"], items[0]!.SelectNodes("command:parameter/maml:name", _ns)!.Cast<XmlNode>().Select(n => n.InnerText));
        Assert.Equal(["Id", "Format", "Force"], items[1]!.SelectNodes("command:parameter/maml:name", _ns)!.Cast<XmlNode>().Select(n => n.InnerText));
    }

    [Fact]
    public void Parameter_attributes_carry_required_position_pipeline_globbing_aliases()
    {
        var name = (XmlElement)_xml.SelectSingleNode($"{Command}/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Name']", _ns)!;
        Assert.Equal("true", name.GetAttribute("required"));
        Assert.Equal("0", name.GetAttribute("position"));
        Assert.Equal("True (ByPropertyName, ByValue)", name.GetAttribute("pipelineInput"));
        Assert.Equal("true", name.GetAttribute("globbing"));
        Assert.Equal("ThingName, N", name.GetAttribute("aliases"));
        Assert.Equal("String[]", name.SelectSingleNode("command:parameterValue", _ns)!.InnerText);

        var id = (XmlElement)_xml.SelectSingleNode($"{Command}/command:parameters/command:parameter[maml:name='Id']", _ns)!;
        Assert.Equal("named", id.GetAttribute("position"));
        Assert.Equal("True (ByPropertyName)", id.GetAttribute("pipelineInput"));
        Assert.Equal("none", id.GetAttribute("aliases"));
        Assert.Equal("false", id.GetAttribute("globbing"));
    }

    [Fact]
    public void Accepted_values_become_a_parameter_value_group_in_syntax()
    {
        var values = Nodes($"{Command}/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Format']/command:parameterValueGroup/command:parameterValue");
        Assert.Equal(["Csv", "Json"], values.Cast<XmlNode>().Select(n => n.InnerText));
        Assert.Equal("Json", Text($"{Command}/command:parameters/command:parameter[maml:name='Format']/dev:defaultValue"));
    }

    [Fact]
    public void Switches_have_no_value_in_syntax_but_do_in_parameters()
    {
        Assert.Empty(Nodes($"{Command}/command:syntax/command:syntaxItem/command:parameter[maml:name='Force']/command:parameterValue"));
        Assert.Equal("SwitchParameter", Text($"{Command}/command:parameters/command:parameter[maml:name='Force']/command:parameterValue"));
    }

    [Fact]
    public void Parameters_are_listed_once_each()
        => Assert.Equal(["Name", "Id", "Format", "Force"], Nodes($"{Command}/command:parameters/command:parameter/maml:name").Cast<XmlNode>().Select(n => n.InnerText));

    [Fact]
    public void Inputs_outputs_and_notes()
    {
        Assert.Equal(["System.String[]", "System.Int32"], Nodes($"{Command}/command:inputTypes/command:inputType/dev:type/maml:name").Cast<XmlNode>().Select(n => n.InnerText));
        Assert.Equal("Names can be piped.", Text($"{Command}/command:inputTypes/command:inputType[1]/maml:description/maml:para"));
        Assert.Equal("Fixture.Thing", Text($"{Command}/command:returnValues/command:returnValue/dev:type/maml:name"));
        Assert.Equal("Notes with <angle> & ampersand.", Text($"{Command}/maml:alertSet/maml:alert/maml:para"));
    }

    [Fact]
    public void Examples_have_title_code_and_remarks()
    {
        var examples = Nodes($"{Command}/command:examples/command:example");
        Assert.Equal(2, examples.Count);
        Assert.Contains("Example 1: Get a thing by name", examples[0]!.SelectSingleNode("maml:title", _ns)!.InnerText);
        Assert.StartsWith("-", examples[0]!.SelectSingleNode("maml:title", _ns)!.InnerText);
        Assert.Equal("PS C:\\> Get-FxThing -Name 'a*' | Where-Object { $_.Size -gt 1 -and $_.Size -lt 5 }", examples[0]!.SelectSingleNode("dev:code", _ns)!.InnerText);
        Assert.Equal("This command gets every thing whose name starts with \"a\".", examples[0]!.SelectSingleNode("dev:remarks/maml:para", _ns)!.InnerText);
        Assert.Equal("Get-FxThing -Id 42\n\nGet-FxThing -Id 43", examples[1]!.SelectSingleNode("dev:code", _ns)!.InnerText);
        Assert.StartsWith("Intro text before the code.", examples[1]!.SelectSingleNode("maml:introduction/maml:para", _ns)!.InnerText);
    }

    [Fact]
    public void Related_links_start_with_the_online_version_and_drop_relative_uris()
    {
        var links = Nodes($"{Command}/command:relatedLinks/maml:navigationLink").Cast<XmlNode>()
            .Select(n => (n.SelectSingleNode("maml:linkText", _ns)!.InnerText, n.SelectSingleNode("maml:uri", _ns)!.InnerText))
            .ToList();
        Assert.Equal(
            [("Online Version:", "https://example.invalid/Get-FxThing"), ("Online docs", "https://example.invalid/things"), ("about_Fixture", "")],
            links);
    }

    [Fact]
    public void Command_without_parameters_gets_one_empty_syntax_item()
    {
        var help = new Model.CommandHelp { Name = "Get-Nothing", SourceFile = "x.md", Synopsis = ["a < b && c > d"] };
        var xml = new XmlDocument();
        xml.LoadXml(MamlWriter.ToXml([help]));
        Assert.Equal(1, xml.SelectNodes("//command:syntaxItem", _ns)!.Count);
        Assert.Equal("a < b && c > d", xml.SelectSingleNode("//command:details/maml:description/maml:para", _ns)!.InnerText);
    }
}
