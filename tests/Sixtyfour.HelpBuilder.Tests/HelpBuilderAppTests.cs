using System.Text.RegularExpressions;
using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests;

public class HelpBuilderAppTests
{
    [Fact]
    public void Build_help_writes_maml_and_about_topic()
    {
        using var temp = new TempDir();
        var result = AppRunner.Run("build-help", "--docs", TestPaths.FixtureDocs, "--out", temp.Path, "--module-name", "Fixture");
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(temp.Combine("Fixture-help.xml")), result.Stderr);
        Assert.True(File.Exists(temp.Combine("about_Fixture.help.txt")));
    }

    [Fact]
    public void Assembly_option_names_the_output_and_must_match_external_help_file()
    {
        using var temp = new TempDir();
        var docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "Get-FxThing.md"), TestPaths.ReadFixture("Get-FxThing.md").Replace("Fixture-help.xml", "Sixtyfour.dll-Help.xml"));

        var ok = AppRunner.Run("build-help", "--docs", docs, "--out", temp.Combine("out"), "--assembly", "Sixtyfour.dll");
        Assert.Equal(0, ok.ExitCode);
        Assert.True(File.Exists(temp.Combine("out", "Sixtyfour.dll-Help.xml")));

        var wrong = AppRunner.Run("build-help", "--docs", docs, "--out", temp.Combine("out2"), "--assembly", "Other.dll");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"{Path.Combine(docs, "Get-FxThing.md")}:2: 'external help file: Sixtyfour.dll-Help.xml' should be 'Other.dll-Help.xml'", wrong.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out2")));
    }

    [Fact]
    public void Module_name_must_match()
    {
        using var temp = new TempDir();
        var result = AppRunner.Run("build-help", "--docs", TestPaths.FixtureDocs, "--out", temp.Path, "--module-name", "Sixtyfour");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Get-FxThing.md:3: 'Module Name: Fixture' should be 'Sixtyfour'", result.Stderr);
    }

    [Fact]
    public void Placeholders_warn_by_default_and_fail_with_no_placeholders()
    {
        using var temp = new TempDir();
        var docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "Get-FxThing.md"), TestPaths.ReadFixture("Get-FxThing.md").Replace("Gets things from the fixture store.", "{{ Fill in the Synopsis }}"));
        var file = Path.Combine(docs, "Get-FxThing.md");

        var warned = AppRunner.Run("build-help", "--docs", docs, "--out", temp.Combine("out"));
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains($"{file}:11: placeholder '{{{{ Fill in the Synopsis }}}}' has not been filled in [warning]", warned.Stderr);

        var failed = AppRunner.Run("build-help", "--docs", docs, "--out", temp.Combine("out2"), "--no-placeholders");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"{file}:11: placeholder", failed.Stderr);
    }

    [Fact]
    public void Docs_url_is_the_online_link_of_a_page_without_its_own()
    {
        using var temp = new TempDir();
        var page = TestPaths.ReadFixture("Get-FxThing.md");
        Assert.Contains("online version: https://example.invalid/Get-FxThing\n", page);
        temp.Write(Path.Combine("own", "Get-FxThing.md"), page);
        temp.Write(Path.Combine("none", "Get-FxThing.md"), page.Replace("online version: https://example.invalid/Get-FxThing\n", "online version:\n"));

        string FirstLink(string docs, params string[] options)
        {
            var result = AppRunner.Run(["build-help", "--docs", temp.Combine(docs), "--out", temp.Combine(docs + "-out"), .. options]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var xml = File.ReadAllText(temp.Combine(docs + "-out", "Fixture-help.xml"));
            var link = Regex.Match(xml, @"<maml:navigationLink>\s*<maml:linkText>(?<text>[^<]*)</maml:linkText>\s*<maml:uri>(?<uri>[^<]*)</maml:uri>");
            return $"{link.Groups["text"].Value} {link.Groups["uri"].Value}";
        }

        Assert.Equal("Online Version: https://docs.example.invalid/d/Get-FxThing.md", FirstLink("none", "--docs-url", "https://docs.example.invalid/d/"));
        Assert.Equal("Online Version: https://example.invalid/Get-FxThing", FirstLink("own", "--docs-url", "https://docs.example.invalid/d/"));
        // Without the option, the build's SixtyfourDocsUrl (empty until the project has a public URL: no online link).
        Assert.Equal(
            BuildSettings.DocsUrl is null ? "Online docs https://example.invalid/things" : $"Online Version: {BuildSettings.DocsUrl}Get-FxThing.md",
            FirstLink("none"));
    }

    [Theory]
    [InlineData("relative/")]
    [InlineData("https://docs.example.invalid/no-slash")]
    [InlineData("file:///docs/")]
    public void Docs_url_must_be_an_http_folder(string url)
        => Assert.Equal(2, AppRunner.Run("build-help", "--docs", TestPaths.FixtureDocs, "--out", "unused", "--docs-url", url).ExitCode);

    [Theory]
    [InlineData("missing option", new[] { "build-help", "--docs", "x" })]
    [InlineData("unknown command", new[] { "convert" })]
    [InlineData("unknown option", new[] { "describe", "--docs", "x", "--bogus", "1" })]
    public void Usage_errors_exit_2(string _, string[] args) => Assert.Equal(2, AppRunner.Run(args).ExitCode);

    /// <summary>
    /// Each case edits the valid fixture page; <c>marker</c> is text on the line the error must point at
    /// (the first line containing it after the edit, plus <c>offset</c>).
    /// </summary>
    public static TheoryData<string, string, string, int, string> SchemaErrors => new()
    {
        { "## SYNOPSIS\nGets things from the fixture store.\n\n", "", "# Get-FxThing", 0, "missing required section '## SYNOPSIS'" },
        { "## OUTPUTS", "## RESULTS", "## RESULTS", 0, "unknown section '## RESULTS'" },
        { "## NOTES", "## DESCRIPTION", "## DESCRIPTION\nNotes", 0, "section '## DESCRIPTION' appears twice" },
        { "## SYNOPSIS\nGets things from the fixture store.\n", "## SYNOPSIS\n\n", "## SYNOPSIS", 0, "SYNOPSIS is empty" },
        { "The numeric id.\n\n```yaml\nType: Int32\nParameter Sets: ById\nAliases:\n\nRequired: True\nPosition: Named\nDefault value: None\nAccept pipeline input: True (ByPropertyName)\nAccept wildcard characters: False\n```\n", "The numeric id.\n", "### -Id", 0, "parameter -Id has no ```yaml block" },
        { "Accepted values: Csv, Json", "Accepted values Csv, Json", "Accepted values Csv", 0, "malformed yaml in parameter -Format" },
        { "Aliases: ThingName, N", "Alias: ThingName, N", "Alias: ThingName", 0, "unknown key 'Alias'" },
        { "Position: 0", "Position: first", "Position: first", 0, "'Position' of -Name must be Named or a number" },
        { "Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: Yes", "Accept pipeline input: Yes", 0, "'Accept pipeline input' of -Id must be" },
        { "Parameter Sets: ById", "Parameter Sets: ByIdentity", "Parameter Sets: ByIdentity", -2, "parameter -Id names set 'ByIdentity', which is not one of the SYNTAX sets" },
        { "```powershell\nPS C:\\> Get-FxThing -Name 'a*' | Where-Object { $_.Size -gt 1 -and $_.Size -lt 5 }\n```\n", "", "### Example 1", 0, "example 'Example 1: Get a thing by name' has no fenced code block" },
        { "schema: 2.0.0\n", "", "---", 0, "front matter has no 'schema: 2.0.0'" },
        { "schema: 2.0.0\n", "schema: 2024-05-01\n", "schema:", 0, "unsupported schema '2024-05-01'" },
        { "external help file: Fixture-help.xml\n", "", "---", 0, "front matter has no 'external help file'" },
        { "# Get-FxThing", "# Get-FxOther", "# Get-FxOther", 0, "the heading '# Get-FxOther' does not match the file name 'Get-FxThing.md'" },
        { "### -Id", "### -Name", "### -Name\nThe numeric", 0, "parameter -Name is documented twice" },
        { "### -Id", "### Id", "### Id", 0, "'### Id' is not a parameter heading" },
        { "## NOTES\n", "## NOTES\n```text\nunclosed\n", "unclosed", -1, "code block opened with '```' is never closed" },
        { "### ById\n```\nGet-FxThing -Id <Int32> [-Format <String>] [-Force] [<CommonParameters>]\n```\n", "### ById\n", "### ById", 0, "parameter set 'ById' under SYNTAX must hold exactly one fenced syntax block" },
        { "### ById\n", "### ByName\n", "### ByName\n```\nGet-FxThing -Id", 0, "parameter set 'ByName' is listed twice under SYNTAX" },
        { "## EXAMPLES\n", "## EXAMPLES\nStray text.\n", "Stray text.", 0, "EXAMPLES content must come under" },
        { "Forces the thing.\n", "Forces the thing.\n\n#### Nested\n", "#### Nested", 0, "parameter -Force cannot contain headings" },
        { "Accept wildcard characters: False\n```\n\n### -Force", "Accept wildcard characters: False\n```\nTrailing text.\n\n### -Force", "Trailing text.", 0, "parameter -Format: only ```yaml blocks may follow the first yaml block" },
    };

    [Theory]
    [MemberData(nameof(SchemaErrors))]
    public void Schema_errors_fail_with_file_line_and_exit_code_1(string find, string replace, string marker, int offset, string message)
    {
        using var temp = new TempDir();
        var original = TestPaths.ReadFixture("Get-FxThing.md");
        Assert.Contains(find, original);
        var index = original.IndexOf(find, StringComparison.Ordinal);
        var text = original[..index] + replace + original[(index + find.Length)..];
        var file = temp.Write(Path.Combine("docs", "Get-FxThing.md"), text);
        var expectedLine = LineOf(text, marker) + offset;

        var result = AppRunner.Run("build-help", "--docs", temp.Combine("docs"), "--out", temp.Combine("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:{expectedLine}: {message}", result.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out")), "nothing is written when a page is invalid");
    }

    [Fact]
    public void Every_invalid_page_is_reported()
    {
        using var temp = new TempDir();
        var text = TestPaths.ReadFixture("Get-FxThing.md").Replace("Position: 0", "Position: x");
        temp.Write(Path.Combine("docs", "Get-FxThing.md"), text);
        temp.Write(Path.Combine("docs", "Get-FxOther.md"), text.Replace("# Get-FxThing", "# Get-FxOther"));
        temp.Write(Path.Combine("docs", "about_Broken.md"), "# about_Broken\n\n## SHORT DESCRIPTION\nShort.\n");

        var result = AppRunner.Run("build-help", "--docs", temp.Combine("docs"), "--out", temp.Combine("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, Regex.Count(result.Stderr, @"^.+\.md:\d+: ", RegexOptions.Multiline));
        Assert.Contains("about_Broken.md:1: missing required section '## LONG DESCRIPTION'", result.Stderr);
    }

    [Fact]
    public void Process_exit_code_is_1_for_schema_errors()
    {
        using var temp = new TempDir();
        temp.Write(Path.Combine("docs", "Get-FxThing.md"), "# Get-FxThing\n");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { TestPaths.ToolDll, "build-help", "--docs", temp.Combine("docs"), "--out", temp.Combine("out") })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Get-FxThing.md:1: missing front matter", stderr);
    }

    private static int LineOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker '{marker}' not found");
        return text[..index].Count(c => c == '\n') + 1;
    }
}
