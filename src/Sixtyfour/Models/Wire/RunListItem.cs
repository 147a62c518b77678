using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>WorkflowRunResponse, one entry of GET /workflows/runs.</summary>
    internal sealed class RunListItem
    {
        [JsonPropertyName("job_id")] public string JobId { get; set; } = string.Empty;
        [JsonPropertyName("workflow_id")] public string WorkflowId { get; set; } = string.Empty;
        [JsonPropertyName("workflow_name")] public string? WorkflowName { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("queued_at")] public DateTime? QueuedAt { get; set; }
        [JsonPropertyName("started_at")] public DateTime? StartedAt { get; set; }
        [JsonPropertyName("completed_at")] public DateTime? CompletedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTime? UpdatedAt { get; set; }
        [JsonPropertyName("status_reason")] public string? StatusReason { get; set; }
        [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
        [JsonPropertyName("blocks_count")] public int BlocksCount { get; set; }
        [JsonPropertyName("duration_ms")] public long? DurationMs { get; set; }
        /// <summary>"Aggregate run metrics (rows in/out, costs, etc.)": the keys are undocumented, so each is read only if it is there.</summary>
        [JsonPropertyName("metrics")] public JsonElement? Metrics { get; set; }

        public SfWorkflowRun ToRun() => new SfWorkflowRun
        {
            JobId = JobId,
            WorkflowId = WorkflowId,
            WorkflowName = WorkflowName,
            Status = Status,
            QueuedAt = QueuedAt,
            StartedAt = StartedAt,
            CompletedAt = CompletedAt,
            LastUpdated = UpdatedAt,
            StatusReason = StatusReason,
            ErrorMessage = ErrorMessage,
            TotalBlocks = BlocksCount,
            CompletedBlocks = (int?)Metric("blocks_completed") ?? (RunStatus.IsCompleted(Status) ? BlocksCount : 0),
            ProgressPercentage = RunStatus.IsCompleted(Status) ? 100 : 0,
            CreditsUsed = Metric("credits_used"),
            RowsIn = (long?)Metric("rows_in"),
            RowsOut = (long?)Metric("rows_out"),
            Duration = DurationMs is long ms ? TimeSpan.FromMilliseconds(ms)
                : StartedAt is DateTime started && CompletedAt is DateTime completed ? completed - started : (TimeSpan?)null,
        };

        private double? Metric(string name) =>
            Metrics is JsonElement metrics && metrics.ValueKind == JsonValueKind.Object && metrics.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
                ? number
                : (double?)null;
    }
}
