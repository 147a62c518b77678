using System.Reflection;

namespace Sixtyfour.HelpBuilder;

/// <summary>Values the build compiled in from Directory.Build.props.</summary>
internal static class BuildSettings
{
    /// <summary>SixtyfourDocsUrl: where the docs/ pages are online; null while the project has no public URL.</summary>
    public static string? DocsUrl { get; } = typeof(BuildSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SixtyfourDocsUrl")?.Value is { Length: > 0 } url ? url : null;
}
