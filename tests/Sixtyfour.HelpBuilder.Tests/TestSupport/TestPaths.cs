namespace Sixtyfour.HelpBuilder.Tests.TestSupport;

/// <summary>Where fixtures, scripts and the built tool live, and scratch folders for outputs.</summary>
internal static class TestPaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string FixtureDocs => Path.Combine(Fixtures, "docs");

    public static string FixtureModule => Path.Combine(Fixtures, "module", "Fixture");

    /// <summary>The repository root: the folder holding .config/dotnet-tools.json (for 'dotnet pwsh').</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root (.config/dotnet-tools.json) not found");
        }
    }

    /// <summary>The help builder's output folder: the tool dll and its .ps1 companions are copied next to the tests.</summary>
    public static string ToolDirectory => AppContext.BaseDirectory;

    public static string ToolDll => Path.Combine(ToolDirectory, "Sixtyfour.HelpBuilder.dll");

    public static string ScaffoldScript => Path.Combine(ToolDirectory, "New-SfHelpPage.ps1");

    public static string ParityScript => Path.Combine(ToolDirectory, "Test-SfHelpParity.ps1");

    public static string ReadFixture(string name) => File.ReadAllText(Path.Combine(FixtureDocs, name));
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-helpbuilder-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relativePath, string text)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
