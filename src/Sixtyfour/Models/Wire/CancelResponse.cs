using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>WorkflowCancelResponse.</summary>
    internal sealed class CancelResponse
    {
        [JsonPropertyName("job_id")] public string JobId { get; set; } = string.Empty;
        /// <summary>"canceled" or "cancelled", depending on the source.</summary>
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
    }
}
