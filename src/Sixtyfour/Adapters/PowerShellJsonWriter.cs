using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Security;
using System.Text.Json;
using Sixtyfour.Models;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// Writes PowerShell values as JSON the way a user means them: PSCustomObjects and hashtables become objects
    /// (property order kept), numbers stay numbers, booleans stay booleans, $null stays null, collections become arrays.
    /// </summary>
    internal static class PowerShellJsonWriter
    {
        /// <summary>Deep enough for any real record; shallow enough that a self-referencing object fails fast.</summary>
        public const int MaxDepth = 64;

        public static void WriteValue(Utf8JsonWriter writer, object? value, int depth = 0)
        {
            if (depth > MaxDepth)
                throw new InvalidDataException($"The input is nested more than {MaxDepth} levels deep; it may refer to itself.");

            // Without a pattern variable: Stryker drops, as compile errors, the mutants around one whose negation leaves it unassigned.
            var pso = value as PSObject;
            if (pso?.BaseObject is PSCustomObject) { WriteProperties(writer, pso, depth); return; }
            if (pso != null) value = pso.BaseObject;

            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                // The module's own graph types keep the API's snake_case names when they sit inside a hashtable or list.
                case SfWorkflowDefinition definition: WorkflowModels.Write(writer, definition); return;
                case SfBlock block: WorkflowModels.Write(writer, block); return;
                case SfEdge edge: WorkflowModels.Write(writer, edge); return;
                case JsonElement element: element.WriteTo(writer); return;
                case string s: writer.WriteStringValue(s); return;
                case char c: writer.WriteStringValue(c.ToString()); return;
                case bool b: writer.WriteBooleanValue(b); return;
                case int i: writer.WriteNumberValue(i); return;
                case long l: writer.WriteNumberValue(l); return;
                case double d when IsFinite(d): writer.WriteNumberValue(d); return;
                case float f when IsFinite(f): writer.WriteNumberValue(f); return;
                case decimal m: writer.WriteNumberValue(m); return;
                case byte or sbyte or short or ushort or uint: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); return;
                case ulong ul: writer.WriteNumberValue(ul); return;
                case double or float: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
                case System.Numerics.BigInteger big: writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture)); return;
                case DateTime dt: writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); return;
                case DateTimeOffset dto: writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture)); return;
                case Guid g: writer.WriteStringValue(g.ToString()); return;
                case Uri u: writer.WriteStringValue(u.OriginalString); return;
                // TimeSpan.ToString() is the constant ("c") format, the same in every culture.
                case TimeSpan ts: writer.WriteStringValue(ts.ToString()); return;
                case Enum e: writer.WriteStringValue(e.ToString()); return;
                case SecureString: throw new InvalidDataException("A SecureString cannot be sent as data.");
                // [NullString]::Value is how a script passes null where a string is expected; ConvertTo-Json writes null for both.
                case DBNull or NullString: writer.WriteNullValue(); return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    // A record's top-level names become columns. Two that differ only in case would become two CSV
                    // columns that Import-Csv cannot read back, so they are refused here, where the user can still
                    // rename one. Only a case-sensitive dictionary can hold such names: a PSObject's members and a
                    // hashtable's keys are case-insensitive.
                    var columns = depth == 0 ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        if (columns != null && !columns.Add(name))
                            throw new InvalidDataException($"The record has two columns named '{name}' that differ only in case; rename one of them.");
                        writer.WritePropertyName(name);
                        WriteValue(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence) WriteValue(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
                default:
                    WriteProperties(writer, PSObject.AsPSObject(value), depth);
                    return;
            }
        }

        private static void WriteProperties(Utf8JsonWriter writer, PSObject pso, int depth)
        {
            writer.WriteStartObject();
            foreach (var property in pso.Properties)
            {
                if (TryGetValue(property, out var propertyValue))
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, propertyValue, depth + 1);
                }
            }
            writer.WriteEndObject();
        }

        /// <summary>A getter that throws, or a property without one (its Value throws the same), has no value to send.</summary>
        private static bool TryGetValue(PSPropertyInfo property, out object? value)
        {
            try { value = property.Value; return true; }
            catch (GetValueException) { value = null; return false; }
        }

        /// <summary>
        /// Writes one input record (depth 0), remembering its shape in <paramref name="shape"/>: piped rows nearly always
        /// share their column names (every Import-Csv row has the header's), so the next row with the same names in the
        /// same order writes names already encoded. Only for writers with
        /// <see cref="SixtyfourJson.WriterOptions"/>, whose encoder the names were encoded with.
        /// </summary>
        internal static void WriteRecord(Utf8JsonWriter writer, object record, ref RecordShape? shape)
        {
            var pso = record as PSObject;
            if (InstanceMembers is null || pso is null || !(pso.BaseObject is PSCustomObject) || IsTyped(pso))
            {
                WriteValue(writer, record);
                return;
            }
            var properties = RecordShape.Properties(InstanceMembers(pso));
            if (shape is null || !shape.Fits(properties)) shape = RecordShape.Of(properties);
            writer.WriteStartObject();
            for (var i = 0; i < properties.Count; i++)
            {
                if (!TryGetValue(properties[i], out var value)) continue;
                writer.WritePropertyName(shape.EncodedName(i));
                WriteValue(writer, value, 1);
            }
            writer.WriteEndObject();
        }

        /// <summary>
        /// A plain PSCustomObject's properties are all its own (instance) members. Reading them directly skips what
        /// PSObject.Properties does on first use of every object — merge them with the type's adapted and
        /// type-table members into a new collection — which is most of the cost of sending fresh Import-Csv rows.
        /// PSObject keeps them, in order, in an OrderedDictionary inside an internal property; it is read by index,
        /// because enumerating the collection around it copies it into a new list under a lock. Where it is missing,
        /// and for objects nested in a record (rare in piped rows), the public path is taken.
        /// </summary>
        internal static readonly Func<PSObject, OrderedDictionary>? InstanceMembers = BindInstanceMembers();

        /// <summary>
        /// A record with a type name of its own (PSTypeName, Import-Csv's #TYPE) may have type data (Update-TypeData,
        /// types.ps1xml) adding properties, which only PSObject.Properties lists: such records take the public path,
        /// as ConvertTo-Json sends those properties. Plain rows have no stored names until something asks for them,
        /// and asking would make a list per row, so the stored field is read where it can be.
        /// </summary>
        private static bool IsTyped(PSObject record)
        {
            var names = StoredTypeNames is null ? record.TypeNames : StoredTypeNames(record);
            return names != null && names.Count > 0 && !string.Equals(names[0], typeof(PSCustomObject).FullName, StringComparison.Ordinal);
        }

        internal static readonly Func<PSObject, IList<string>?>? StoredTypeNames = BindStoredTypeNames();

        private static Func<PSObject, IList<string>?>? BindStoredTypeNames()
        {
            // "_typeNames" in PowerShell 7; where it is named otherwise, the public TypeNames is read (a list per row).
            var field = typeof(PSObject).GetField("_typeNames", BindingFlags.Instance | BindingFlags.NonPublic);
            if (field is null || !typeof(IList<string>).IsAssignableFrom(field.FieldType)) return null;
            var target = Expression.Parameter(typeof(PSObject));
            return Expression.Lambda<Func<PSObject, IList<string>?>>(Expression.Convert(Expression.Field(target, field), typeof(IList<string>)), target).Compile();
        }

        private static Func<PSObject, OrderedDictionary>? BindInstanceMembers()
        {
            var collection = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic);
            var members = collection?.PropertyType.GetProperty("Members", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            if (members?.PropertyType != typeof(OrderedDictionary)) return null;
            var target = Expression.Parameter(typeof(PSObject));
            return Expression.Lambda<Func<PSObject, OrderedDictionary>>(Expression.Property(Expression.Property(target, collection!), members), target).Compile();
        }

        private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);
    }
}
