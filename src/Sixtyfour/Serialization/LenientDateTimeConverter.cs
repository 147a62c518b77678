using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// live_status types its times as plain strings: accept any ISO 8601 form, and turn anything else into null
    /// rather than failing a whole poll over one odd timestamp.
    /// </summary>
    internal sealed class LenientDateTimeConverter : JsonConverter<DateTime?>
    {
        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) { reader.Skip(); return null; }
            var text = reader.GetString();
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : (DateTime?)null;
        }

        public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
        {
            if (value is DateTime v) writer.WriteStringValue(v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            else writer.WriteNullValue();
        }
    }
}
