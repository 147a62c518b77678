using System.Text.RegularExpressions;

namespace Sixtyfour.Emulator.Tests;

/// <summary>
/// Wire types live only at the HTTP edge (Api/Wire/, used by Api/ and by the test hooks, console and hosting that
/// serve them): the engine, its storage and the services work on domain types. The sources tell, as C# reaches a
/// namespace only through a using directive or a qualified name.
/// </summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("Engine")]
    [InlineData("Storage")]
    [InlineData("Services")]
    [InlineData("Catalog")]
    [InlineData("Billing")]
    [InlineData("Bulk")]
    [InlineData("Scheduling")]
    [InlineData("Webhooks")]
    [InlineData("Limits")]
    public void The_core_uses_no_wire_type(string folder)
    {
        var files = Directory.GetFiles(Path.Combine(SourceRoot, folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.Empty(files.Where(file => Regex.IsMatch(File.ReadAllText(file), @"\bSixtyfour\.Emulator\.Api\.Wire\b")).Select(Path.GetFileName));
    }

    private static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("The repository root (.config/dotnet-tools.json) was not found."), "src", "Sixtyfour.Emulator");
        }
    }
}
