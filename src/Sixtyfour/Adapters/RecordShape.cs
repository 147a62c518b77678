using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// The column names of a record, encoded once as JSON property names.
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
        /// once used (psobject, psbase, the pstypenames code property): only the kinds a user adds to a record count,
        /// a code property included unless its getter is PowerShell's own (ConvertTo-Json sends a user's).
        /// </summary>
        public static bool IsData(PSMemberInfo member) =>
            member is PSNoteProperty || member is PSScriptProperty || member is PSAliasProperty
            || (member is PSCodeProperty code && code.GetterCodeReference?.DeclaringType?.Assembly != typeof(PSObject).Assembly);

        [ThreadStatic] private static List<PSPropertyInfo>? _properties;

        /// <summary>The data members of <paramref name="instanceMembers"/>, in order, in a list reused by the next call on this thread.</summary>
        public static List<PSPropertyInfo> Properties(OrderedDictionary instanceMembers)
        {
            // Stryker disable once all: a new list on every call holds the same members; reusing one saves an allocation per row.
            var properties = _properties ??= new List<PSPropertyInfo>();
            properties.Clear();
            for (var i = 0; i < instanceMembers.Count; i++)
                if (instanceMembers[i] is PSPropertyInfo property && IsData(property)) properties.Add(property);
            return properties;
        }

        /// <summary>The shape of <paramref name="properties"/>. Their names never clash as columns: a PSObject's member names are case-insensitive.</summary>
        public static RecordShape Of(List<PSPropertyInfo> properties)
        {
            var names = new string[properties.Count];
            for (var i = 0; i < names.Length; i++) names[i] = properties[i].Name;
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
