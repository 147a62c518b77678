using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>WorkflowRunStartedResponse.</summary>
    internal sealed class RunStartedResponse
    {
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("workflow_id")] public string WorkflowId { get; set; } = string.Empty;
        [JsonPropertyName("job_id")] public string JobId { get; set; } = string.Empty;
        [JsonPropertyName("already_started")] public bool? AlreadyStarted { get; set; }
    }
}
