using System;
using System.Collections.Generic;
using System.Text;

namespace Sixtyfour.Client
{
    /// <summary>An ordered query string; a name may repeat (the API wants <c>result_formats</c> repeated).</summary>
    internal sealed class QueryString
    {
        private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

        public QueryString Add(string name, string? value)
        {
            if (value != null) _pairs.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public QueryString Add(string name, IEnumerable<string>? values)
        {
            if (values != null) foreach (var v in values) Add(name, v);
            return this;
        }

        public override string ToString()
        {
            if (_pairs.Count == 0) return string.Empty;
            var sb = new StringBuilder("?");
            foreach (var pair in _pairs)
            {
                if (sb.Length > 1) sb.Append('&');
                sb.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }
            return sb.ToString();
        }
    }
}
