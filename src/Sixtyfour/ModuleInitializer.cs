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
    /// Sixtyfour.dll itself references no CsvHelper: in the default context a newer one loaded first would satisfy
    /// that reference without asking anyone. Its CSV parsing lives in Sixtyfour.Csv.dll (<see cref="LoadCsvParser"/>).
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
            // Sixtyfour.Csv's reference to this assembly, should a load context not find the copy already loaded
            // (Windows PowerShell's load-from context does): two copies would make its interfaces two types.
            if (name == typeof(ModuleInitializer).Assembly.GetName().Name) return typeof(ModuleInitializer).Assembly;
            var candidate = Path.Combine(DependencyDirectory, name + ".dll");
            if (!File.Exists(candidate)) return null;
            return IsDesktop() ? Assembly.LoadFrom(candidate) : LoadPrivately()(candidate);
        }

        /// <summary>
        /// Sixtyfour.Csv.dll, the module's one CsvHelper user, loaded on first use. On PowerShell 7 its CsvHelper goes
        /// into the private context first: a reference from there is looked up in that context, then in the default one,
        /// and only then is anyone asked, so a newer CsvHelper another module put in the default context would win
        /// over this resolver. Its reference to Sixtyfour.dll finds the default context's copy, so the interfaces it
        /// implements are this assembly's own types.
        /// </summary>
        internal static Assembly LoadCsvParser()
        {
            if (IsDesktop()) return Assembly.LoadFrom(Path.Combine(DependencyDirectory, "Sixtyfour.Csv.dll"));
            var load = LoadPrivately();
            load(Path.Combine(DependencyDirectory, "CsvHelper.dll"));
            return load(Path.Combine(DependencyDirectory, "Sixtyfour.Csv.dll"));
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
