using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Sixtyfour.Tests
{
    /// <summary>
    /// The module's folders depend one way (README, Layout): Commands/ above Adapters/ (the PowerShell side) and
    /// Client/ (the HTTP side, no PowerShell types), both above Serialization/ (wire JSON) and Models/ (output types;
    /// the wire types in Models/Wire). C# reaches another namespace through a using directive or a qualified name, so
    /// the sources tell when a layer reaches up.
    /// </summary>
    public class LayeringTests
    {
        private const string Automation = "System.Management.Automation";

        [Theory]
        [InlineData("Client", new[] { Automation, "Sixtyfour.Adapters", "Sixtyfour.Commands", "Sixtyfour.Completers", "Sixtyfour.Validation" })]
        [InlineData("Serialization", new[] { Automation, "Sixtyfour.Adapters", "Sixtyfour.Client", "Sixtyfour.Commands", "Sixtyfour.Completers", "Sixtyfour.Models", "Sixtyfour.Validation" })]
        [InlineData("Models/Wire", new[] { Automation, "Sixtyfour.Adapters", "Sixtyfour.Client", "Sixtyfour.Commands", "Sixtyfour.Completers", "Sixtyfour.Validation" })]
        [InlineData("Adapters", new[] { "Sixtyfour.Client", "Sixtyfour.Commands", "Sixtyfour.Completers", "Sixtyfour.Validation" })]
        // Output types may hold PowerShell's own types (a block's Specs is a PSObject users edit); Adapters/WorkflowModels
        // builds them from the wire types, so no output type reaches up to build itself.
        [InlineData("Models", new[] { "Sixtyfour.Adapters", "Sixtyfour.Client", "Sixtyfour.Commands", "Sixtyfour.Completers", "Sixtyfour.Validation" })]
        public void A_layer_reaches_nothing_above_it(string folder, string[] above)
        {
            var files = Directory.GetFiles(Path.Combine(SourceRoot, folder), "*.cs", SearchOption.TopDirectoryOnly);
            Assert.NotEmpty(files);
            var reaches = files
                .SelectMany(file => above
                    .Where(name => Regex.IsMatch(File.ReadAllText(file), $@"\b{Regex.Escape(name)}\b"))
                    .Select(name => $"{Path.GetFileName(file)} -> {name}"))
                .ToArray();
            Assert.Empty(reaches);
        }

        /// <summary>src/Sixtyfour, found from the test's output folder up to the repository root.</summary>
        private static string SourceRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json"))) dir = dir.Parent;
                return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("The repository root (.config/dotnet-tools.json) was not found."), "src", "Sixtyfour");
            }
        }
    }
}
