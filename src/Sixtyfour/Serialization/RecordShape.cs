using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// The column names of a record, checked once (no two equal ignoring case) and encoded once as JSON property names.
    /// PSObject.Properties is not used to find them: on first use of every object it merges the type's adapted and
    /// type-table members into a new collection, which costs more than writing the record.
    /// </summary>
    internal sealed class RecordShape
    {
        private readonly string[] _names;
        private readonly JsonEncodedText[] _encoded;

        private RecordShape(string[] names)
        {
            _names = names;
            _encoded = new JsonEncodedText[names.Length];
            for (var i = 0; i < names.Length; i++) _encoded[i] = JsonEncodedText.Encode(names[i], SixtyfourJson.WriterOptions.Encoder);
        }

        /// <summary>
        /// The members of a PSCustomObject that are data. Its instance members also hold PowerShell's own hidden ones
        /// once used (psobject, psbase, the pstypenames code property): only the kinds a user adds to a record count.
        /// </summary>
        public static bool IsData(PSMemberInfo member) => member is PSNoteProperty || member is PSScriptProperty || member is PSAliasProperty;

        [ThreadStatic] private static List<PSPropertyInfo>? _properties;

        /// <summary>The data members of <paramref name="instanceMembers"/>, in order, in a list reused by the next call on this thread.</summary>
        public static List<PSPropertyInfo> Properties(IEnumerable instanceMembers)
        {
            var properties = _properties ??= new List<PSPropertyInfo>();
            properties.Clear();
            foreach (var member in instanceMembers)
                if (member is PSPropertyInfo property && IsData(property)) properties.Add(property);
            return properties;
        }

        /// <summary>The shape of <paramref name="properties"/>; <paramref name="check"/> refuses names that would clash as columns.</summary>
        public static RecordShape Of(List<PSPropertyInfo> properties, Action<HashSet<string>?, string> check)
        {
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var names = new string[properties.Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = properties[i].Name;
                check(columns, names[i]);
            }
            return new RecordShape(names);
        }

        /// <summary>The same names in the same order (Import-Csv's rows share the header's string instances, so this is mostly reference checks).</summary>
        public bool Fits(List<PSPropertyInfo> properties)
        {
            if (properties.Count != _names.Length) return false;
            for (var i = 0; i < _names.Length; i++)
            {
                var name = properties[i].Name;
                if (!ReferenceEquals(name, _names[i]) && !string.Equals(name, _names[i], StringComparison.Ordinal)) return false;
            }
            return true;
        }

        public JsonEncodedText EncodedName(int index) => _encoded[index];
    }
}
