using System.Text.Json;
using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests.Describe;

public class DocsDescriberTests
{
    [Fact]
    public void Describe_emits_commands_sets_and_per_set_parameter_metadata()
    {
        var result = AppRunner.Run("describe", "--docs", TestPaths.FixtureDocs);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var command = json.RootElement.GetProperty("commands").EnumerateArray().Single();
        Assert.Equal("Get-FxThing", command.GetProperty("name").GetString());
        Assert.Equal("ByName", command.GetProperty("defaultParameterSet").GetString());
        Assert.Equal(["ByName", "ById"], command.GetProperty("parameterSets").EnumerateArray().Select(e => e.GetString()));

        var format = command.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Format");
        Assert.Equal(["ByName", "ById"], format.GetProperty("sets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["Csv", "Json"], format.GetProperty("acceptedValues").EnumerateArray().Select(e => e.GetString()));

        var name = command.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Name");
        var set = name.GetProperty("sets").EnumerateArray().Single();
        Assert.Equal("ByName", set.GetProperty("name").GetString());
        Assert.True(set.GetProperty("required").GetBoolean());
        Assert.Equal(0, set.GetProperty("position").GetInt32());
        Assert.True(set.GetProperty("valueFromPipeline").GetBoolean());
        Assert.True(set.GetProperty("valueFromPipelineByPropertyName").GetBoolean());

        var id = command.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Id");
        Assert.Equal(JsonValueKind.Null, id.GetProperty("sets")[0].GetProperty("position").ValueKind);
        Assert.Equal("about_Fixture", json.RootElement.GetProperty("aboutTopics")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Describe_to_file()
    {
        using var temp = new TempDir();
        var result = AppRunner.Run("describe", "--docs", TestPaths.FixtureDocs, "--out", temp.Combine("d", "docs.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Get-FxThing", File.ReadAllText(temp.Combine("d", "docs.json")));
    }
}
