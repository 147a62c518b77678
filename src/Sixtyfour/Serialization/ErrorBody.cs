using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sixtyfour.Serialization
{
    /// <summary>Reads the API's explanation out of an error body, in any shape the references allow.</summary>
    internal static class ErrorBody
    {
        /// <summary>How much of a body that is not JSON (a proxy's HTML page) is quoted.</summary>
        private const int ExcerptChars = 200;

        private static readonly Regex Markup = new Regex(@"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.CultureInvariant);

        /// <summary>
        /// <c>{"detail": "..."}</c> and FastAPI's <c>{"detail": [{loc, msg}, ...]}</c> (the spec), the docs' <c>{"error", "message"}</c>,
        /// <c>{"error": "..."}</c>, <c>{"error": {"code", "message"}}</c>, <c>{"message": "..."}</c>; any other body (an HTML page from a
        /// proxy, plain text) is quoted with its tags stripped. Null for an empty body.
        /// </summary>
        public static string? Detail(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body!);
                return FromJson(doc.RootElement) ?? Excerpt(body!);
            }
            catch (JsonException)
            {
                return Excerpt(body!);
            }
        }

        private static string? FromJson(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.String) return detail.GetString();
                if (detail.ValueKind == JsonValueKind.Array) return string.Join("; ", detail.EnumerateArray().Select(ValidationItem));
                return FromJson(detail) ?? detail.GetRawText();
            }
            var message = Text(root, "message");
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    var inner = Text(error, "message") ?? Text(error, "detail");
                    var code = Text(error, "code") ?? Text(error, "type");
                    if (inner != null) return code is null ? inner : $"{code}: {inner}";
                    return code ?? message ?? error.GetRawText();
                }
                var kind = error.ValueKind == JsonValueKind.String ? error.GetString() : null;
                if (message != null) return kind is null ? message : $"{kind}: {message}";
                if (kind != null) return kind;
            }
            return message;
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>The readable text of a body that is not one of the API's shapes: tags and entities decoded away, spaces folded, cut short.</summary>
        private static string? Excerpt(string body)
        {
            var text = Space.Replace(WebUtility.HtmlDecode(Markup.Replace(body, " ")), " ").Trim();
            if (text.Length == 0) return null;
            return text.Length <= ExcerptChars ? text : text.Substring(0, ExcerptChars).TrimEnd() + "…";
        }

        private static string ValidationItem(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object) return item.ToString();
            var msg = item.TryGetProperty("msg", out var m) ? m.ToString() : item.GetRawText();
            if (!item.TryGetProperty("loc", out var loc) || loc.ValueKind != JsonValueKind.Array) return msg;
            var parts = new List<string>();
            foreach (var part in loc.EnumerateArray()) parts.Add(part.ToString());
            return $"{string.Join(".", parts)}: {msg}";
        }
    }
}
