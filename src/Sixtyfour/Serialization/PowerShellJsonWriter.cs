using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.IO;
using System.Text.Json;

namespace Sixtyfour.Serialization
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

            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject) { WriteProperties(writer, pso, depth); return; }
                value = pso.BaseObject;
            }

            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                case IJsonWritable own: own.WriteJson(writer); return;
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
                case System.Numerics.BigInteger big: writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true); return;
                case DateTime dt: writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); return;
                case DateTimeOffset dto: writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture)); return;
                case Guid g: writer.WriteStringValue(g.ToString()); return;
                case Uri u: writer.WriteStringValue(u.OriginalString); return;
                case TimeSpan ts: writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture)); return;
                case Enum e: writer.WriteStringValue(e.ToString()); return;
                case SecureString: throw new InvalidDataException("A SecureString cannot be sent as data.");
                case DBNull: writer.WriteNullValue(); return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    var columns = Columns(depth);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        CheckColumn(columns, name);
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
            var columns = Columns(depth);
            foreach (var property in PropertiesOf(pso))
            {
                if (!property.IsGettable) continue;
                CheckColumn(columns, property.Name);
                object? propertyValue;
                try { propertyValue = property.Value; }
                catch (GetValueException) { continue; } // a getter that throws has no value to send
                writer.WritePropertyName(property.Name);
                WriteValue(writer, propertyValue, depth + 1);
            }
            writer.WriteEndObject();
        }

        /// <summary>
        /// A PSCustomObject's properties are all its own (instance) members. Reading them directly skips what
        /// PSObject.Properties does on first use of every object — merge them with the type's adapted and
        /// type-table members into a new collection — which is most of the cost of sending fresh Import-Csv rows.
        /// PSObject keeps them in an internal property; where it is missing, the public path is taken.
        /// </summary>
        private static readonly Func<PSObject, IEnumerable>? InstanceMembers = BindInstanceMembers();

        private static IEnumerable<PSPropertyInfo> PropertiesOf(PSObject pso)
        {
            if (InstanceMembers is null || !(pso.BaseObject is PSCustomObject)) return pso.Properties;
            // The instance members also hold PowerShell's own hidden ones once used (psobject, psbase, the
            // pstypenames code property): only the kinds a user adds to a record are data.
            return InstanceMembers(pso).OfType<PSPropertyInfo>().Where(m => m is PSNoteProperty || m is PSScriptProperty || m is PSAliasProperty);
        }

        private static Func<PSObject, IEnumerable>? BindInstanceMembers()
        {
            try
            {
                var property = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic);
                if (property is null || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) return null;
                var target = Expression.Parameter(typeof(PSObject));
                return Expression.Lambda<Func<PSObject, IEnumerable>>(Expression.Convert(Expression.Property(target, property), typeof(IEnumerable)), target).Compile();
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is MemberAccessException)
            {
                return null;
            }
        }

        /// <summary>
        /// A record's top-level names become columns. Two that differ only in case would become two CSV columns
        /// that Import-Csv cannot read back, so they are refused here, where the user can still rename one.
        /// </summary>
        private static HashSet<string>? Columns(int depth) => depth == 0 ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;

        private static void CheckColumn(HashSet<string>? columns, string name)
        {
            if (columns != null && !columns.Add(name))
                throw new InvalidDataException($"The record has two columns named '{name}' that differ only in case; rename one of them.");
        }

        private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);
    }
}
