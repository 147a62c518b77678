using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;

namespace Sixtyfour
{
    /// <summary>
    /// Loads the module's own dependencies from its Dependencies folder, where default probing cannot find them.
    /// On PowerShell 7 they go into a load context of the module's own, so another module's CsvHelper — loaded before
    /// or after this one, older or newer — never meets ours; the runtime's System.Text.Json satisfies that reference
    /// and this resolver is not asked for it. Windows PowerShell has one context, and gets the shipped copies.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        private static readonly object Gate = new object();
        private static Func<string, Assembly>? _loadPrivately;

        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            if (IsDesktop()) EnableTls12();
        }

        /// <summary>
        /// Windows PowerShell may still default to TLS 1.0; add 1.2 to whatever is enabled, never take any away.
        /// A method of its own so that compiling OnImport does not load System.Net.Requests on PowerShell 7, where
        /// import time is start-up time (#14 P1).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void EnableTls12() => ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            // Only requests from this module: another module's missing assembly is not ours to supply.
            if (args.RequestingAssembly != null && !IsOurs(args.RequestingAssembly)) return null;
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var candidate = Path.Combine(DependencyDirectory, name + ".dll");
            if (!File.Exists(candidate)) return null;
            return IsDesktop() ? Assembly.LoadFrom(candidate) : LoadPrivately()(candidate);
        }

        private static bool IsOurs(Assembly assembly) =>
            assembly == typeof(ModuleInitializer).Assembly
            || string.Equals(Path.GetDirectoryName(assembly.Location), DependencyDirectory, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// A private AssemblyLoadContext, made by reflection because netstandard2.0 cannot name the type. It falls
        /// back to the default context for the framework, and asks this resolver for the rest.
        /// </summary>
        private static Func<string, Assembly> LoadPrivately()
        {
            lock (Gate)
            {
                if (_loadPrivately != null) return _loadPrivately;
                var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: true)!;
                var context = Activator.CreateInstance(contextType, "Sixtyfour", false);
                var load = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
                return _loadPrivately = path => (Assembly)load.Invoke(context, new object[] { path })!;
            }
        }

        private static bool IsDesktop() =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
