using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>JSON settings shared by result files and API responses.</summary>
public static class WireJson
{
    /// <summary>
    /// Relaxed escaping keeps non-ASCII text readable (é stays é, not \u00E9); the output is
    /// always UTF-8 and never embedded in HTML, so the default encoder's extra escaping buys nothing.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
