using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>
    /// GET /job-status/{job_id}, any of its shapes: running or ended without success (status, id, run_id, start_time),
    /// completed with an inline result, or completed with files (results). The documented way to follow a bulk job.
    /// </summary>
    internal sealed class JobStatusResponse
    {
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("start_time")] public DateTime? StartTime { get; set; }
        [JsonPropertyName("close_time")] public DateTime? CloseTime { get; set; }
        [JsonPropertyName("results")] public List<SfResultLink>? Results { get; set; }
        /// <summary>The async webhook payload's failure text; a string or an object, so it is kept raw.</summary>
        [JsonPropertyName("error")] public JsonElement? Error { get; set; }

        /// <summary>Folds the job's state into <paramref name="run"/>; progress fields are live_status's and stay as they are.</summary>
        public void ApplyTo(SfWorkflowRun run)
        {
            run.Status = Status ?? string.Empty;
            run.StartedAt = StartTime ?? run.StartedAt;
            run.CompletedAt = CloseTime ?? run.CompletedAt;
            if (RunStatus.IsCompleted(Status)) run.ProgressPercentage = 100;
            if (Error is JsonElement error && error.ValueKind != JsonValueKind.Null && error.ValueKind != JsonValueKind.Undefined)
                run.ErrorMessage ??= error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
        }
    }
}
