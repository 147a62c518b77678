using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;

namespace Sixtyfour
{
    /// <summary>
    /// Loads the module's own dependencies from its Dependencies folder, where default probing cannot find them, so
    /// they never take the place of another module's copy. On PowerShell 7 the runtime's System.Text.Json satisfies
    /// the reference and this resolver is not asked for it; Windows PowerShell needs the shipped copy.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            if (IsDesktop())
            {
                // Windows PowerShell may still default to TLS 1.0; add 1.2 to whatever is enabled, never take any away.
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
        }

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var candidate = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        private static bool IsDesktop() =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
