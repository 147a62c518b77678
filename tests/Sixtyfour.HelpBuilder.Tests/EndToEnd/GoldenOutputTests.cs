using Sixtyfour.HelpBuilder.Tests.TestSupport;

namespace Sixtyfour.HelpBuilder.Tests.EndToEnd;

/// <summary>
/// Holds the reader to the output the hand-written reader made before it moved to Markdig and YamlDotNet:
/// Golden/docs is the docs/ folder of that day, Golden/expected what that builder wrote from it, byte for byte.
/// </summary>
public class GoldenOutputTests
{
    private static string Golden => Path.Combine(AppContext.BaseDirectory, "Golden");

    // The paths describe.json recorded when the golden files were made (relative, from the repository root).
    private const string RecordedDocs = "tests/Sixtyfour.HelpBuilder.Tests/Golden/docs";
    private const string RecordedFixtureDocs = "tests/Sixtyfour.HelpBuilder.Tests/Fixtures/docs";

    public static TheoryData<string> Cases => new() { "docs", "fixtures" };

    /// <summary>The input folder, the path describe.json recorded for it, the expected output and build-help's options as build.ps1 gives them.</summary>
    private static (string Docs, string RecordedDocs, string Expected, string[] Options) Case(string name) => name == "docs"
        ? (Path.Combine(Golden, "docs"), RecordedDocs, Path.Combine(Golden, "expected"), ["--module-name", "Sixtyfour", "--assembly", "Sixtyfour.dll", "--no-placeholders"])
        : (TestPaths.FixtureDocs, RecordedFixtureDocs, Path.Combine(Golden, "fixture-expected"), []);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_help_writes_the_same_bytes_as_before(string name)
    {
        var (docs, _, expected, options) = Case(name);
        using var output = new TempDir();
        var result = AppRunner.Run(["build-help", "--docs", docs, "--out", output.Path, .. options]);
        Assert.True(result.ExitCode == HelpBuilderApp.Ok, result.Stderr);

        var expectedFiles = Directory.GetFiles(expected).Select(Path.GetFileName).Where(f => f != "describe.json").Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, Directory.GetFiles(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in expectedFiles)
        {
            AssertSameText(Path.Combine(expected, file!), File.ReadAllBytes(Path.Combine(output.Path, file!)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_writes_the_same_json_as_before(string name)
    {
        var (docs, recordedDocs, expected, _) = Case(name);
        using var output = new TempDir();
        var json = Path.Combine(output.Path, "describe.json");
        var result = AppRunner.Run("describe", "--docs", docs, "--out", json);
        Assert.True(result.ExitCode == HelpBuilderApp.Ok, result.Stderr);

        var actual = File.ReadAllText(json).Replace(docs.TrimEnd('/'), recordedDocs, StringComparison.Ordinal);
        AssertSameText(Path.Combine(expected, "describe.json"), System.Text.Encoding.UTF8.GetBytes(actual));
    }

    private static void AssertSameText(string expectedPath, byte[] actual)
    {
        var expected = File.ReadAllBytes(expectedPath);
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        // Name the first differing line: a byte offset alone says little in a 400 KB file.
        var expectedLines = System.Text.Encoding.UTF8.GetString(expected).Split('\n');
        var actualLines = System.Text.Encoding.UTF8.GetString(actual).Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail($"{Path.GetFileName(expectedPath)} differs at line {line + 1}:\n expected: {Line(expectedLines, line)}\n actual:   {Line(actualLines, line)}");
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
