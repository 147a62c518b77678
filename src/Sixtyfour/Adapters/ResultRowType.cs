using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using System.Threading;
using Sixtyfour.Models;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// A class made at run time for one CSV header: a public read-write property of type object per column, in the
    /// header's order. PowerShell reads a compiled property several times faster than a note property, and making the
    /// object is one allocation instead of a PSObject with a member collection, so result rows reach the pipeline at
    /// a fraction of Import-Csv's cost while Where-Object, Select-Object, Export-Csv, ConvertTo-Json, setting a
    /// property and Add-Member work on them as on Import-Csv's rows. Property names are metadata strings: a column
    /// name needs only to be unique ignoring case (PowerShell finds members ignoring case), not a C# identifier.
    /// </summary>
    internal sealed class ResultRowType
    {
        /// <summary>One dynamic assembly for the process; types are kept per header, so a header seen again reuses its type.</summary>
        private static readonly Lazy<ModuleBuilder> Module = new Lazy<ModuleBuilder>(() =>
            AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Sixtyfour.ResultRows"), AssemblyBuilderAccess.Run)
                .DefineDynamicModule("Sixtyfour.ResultRows"), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Keyed by the header's names, each preceded by its length, so no name can run into the next.</summary>
        private static readonly ConcurrentDictionary<string, ResultRowType> Types = new ConcurrentDictionary<string, ResultRowType>(StringComparer.Ordinal);

        private static int _count;

        private readonly Func<string?[], object> _create;

        private ResultRowType(Type type, Func<string?[], object> create)
        {
            Type = type;
            _create = create;
        }

        public Type Type { get; }

        /// <summary>A row holding <paramref name="values"/> (one per column; the array is copied from, and may be reused).</summary>
        public object Create(string?[] values) => _create(values);

        /// <summary>
        /// The type for <paramref name="header"/>. A header no class can stand for is refused with an
        /// InvalidDataException: an empty name, or two names equal ignoring case, where a row could keep only one value
        /// (PowerShell finds members ignoring case; Import-Csv refuses repeated names too).
        /// </summary>
        public static ResultRowType For(IReadOnlyList<string> header)
        {
            var key = Key(header);
            if (Types.TryGetValue(key, out var known)) return known;
            Check(header);
            lock (Types) return Types.GetOrAdd(key, _ => Build(header));
        }

        private static string Key(IReadOnlyList<string> header)
        {
            var key = new StringBuilder();
            foreach (var name in header) key.Append(name.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(name);
            return key.ToString();
        }

        private static void Check(IReadOnlyList<string> header)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                if (string.IsNullOrEmpty(header[i]))
                    throw new InvalidDataException($"Column {i + 1} of the CSV result has no name.");
                if (!seen.Add(header[i]))
                    throw new InvalidDataException($"The CSV result has two columns named '{header[i]}' (ignoring case); a row can hold only one of them.");
            }
        }

        private static ResultRowType Build(IReadOnlyList<string> header)
        {
            var type = Module.Value.DefineType($"Sixtyfour.ResultRow{Interlocked.Increment(ref _count)}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(ResultRow));
            var fields = new FieldBuilder[header.Count];
            for (var i = 0; i < header.Count; i++)
            {
                fields[i] = type.DefineField("_" + i.ToString(CultureInfo.InvariantCulture), typeof(object), FieldAttributes.Private);
                DefineProperty(type, header[i], fields[i]);
            }

            // The factory is a static method of the type itself, so it may set the private fields.
            var factory = type.DefineMethod("Create", MethodAttributes.Assembly | MethodAttributes.Static, typeof(object), new[] { typeof(string[]) });
            var il = factory.GetILGenerator();
            var constructor = type.DefineDefaultConstructor(MethodAttributes.Public);
            il.Emit(OpCodes.Newobj, constructor);
            for (var i = 0; i < fields.Length; i++)
            {
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Stfld, fields[i]);
            }
            il.Emit(OpCodes.Ret);

            var created = type.CreateTypeInfo()!.AsType();
            var create = (Func<string?[], object>)created.GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!
                .CreateDelegate(typeof(Func<string?[], object>));
            return new ResultRowType(created, create);
        }

        private static void DefineProperty(TypeBuilder type, string name, FieldBuilder field)
        {
            const MethodAttributes Accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;
            var property = type.DefineProperty(name, PropertyAttributes.None, typeof(object), Type.EmptyTypes);

            var getter = type.DefineMethod("get_" + name, Accessor, typeof(object), Type.EmptyTypes);
            var il = getter.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, field);
            il.Emit(OpCodes.Ret);
            property.SetGetMethod(getter);

            // Settable with any value, as a note property is: $row.score = 5 keeps an int, as on Import-Csv's rows.
            var setter = type.DefineMethod("set_" + name, Accessor, typeof(void), new[] { typeof(object) });
            il = setter.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Stfld, field);
            il.Emit(OpCodes.Ret);
            property.SetSetMethod(setter);
        }
    }
}
