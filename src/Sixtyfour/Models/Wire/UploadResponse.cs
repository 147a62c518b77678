using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>The answer of POST /storage/csv/upload.</summary>
    internal sealed class UploadResponse
    {
        [JsonPropertyName("handle_id")] public string HandleId { get; set; } = string.Empty;
    }
}
