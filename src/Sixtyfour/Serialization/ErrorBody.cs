using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Sixtyfour.Serialization
{
    /// <summary>Reads the API's explanation out of an error body in any of the shapes it is documented to use.</summary>
    internal static class ErrorBody
    {
        /// <summary>
        /// <c>{"detail": "..."}</c>, FastAPI's <c>{"detail": [{loc, msg}, ...]}</c>, or the docs' <c>{"error", "message"}</c>;
        /// null when the body is none of these.
        /// </summary>
        public static string? Detail(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body!);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                if (root.TryGetProperty("detail", out var detail))
                {
                    if (detail.ValueKind == JsonValueKind.String) return detail.GetString();
                    if (detail.ValueKind == JsonValueKind.Array) return string.Join("; ", detail.EnumerateArray().Select(ValidationItem));
                    return detail.GetRawText();
                }
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                        ? $"{error.GetString()}: {message.GetString()}"
                        : message.GetString();
                }
                return null;
            }
            catch (JsonException)
            {
                return null;
            }
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
