using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sixtyfour.Serialization
{
    internal static class SixtyfourJson
    {
        /// <summary>Lenient on input (unknown fields ignored, numbers as strings accepted) because the API grows.</summary>
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
            Converters = { new LenientDateTimeConverter() },
        };

        /// <summary>Payloads keep non-ASCII text as is: escaping it would only grow the body.</summary>
        public static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        };
    }
}
