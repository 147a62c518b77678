using System;
using System.Collections.Generic;
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
        public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

        internal static DateTime? ReadValue(ref Utf8JsonReader reader)
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

    /// <summary>A list of times (a schedule's next_run_times) where one odd value is left out instead of failing the whole listing.</summary>
    internal sealed class LenientDateTimeListConverter : JsonConverter<IReadOnlyList<DateTime>>
    {
        public override IReadOnlyList<DateTime>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var times = new List<DateTime>();
            if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return times; }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                if (LenientDateTimeConverter.ReadValue(ref reader) is DateTime time) times.Add(time);
            return times;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<DateTime> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var time in value) new LenientDateTimeConverter().Write(writer, time, options);
            writer.WriteEndArray();
        }
    }
}
