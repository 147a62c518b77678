using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>One block's progress inside a run (BlockLiveStatus).</summary>
    public sealed class SfBlockStatus
    {
        [JsonPropertyName("block_id")] public string? BlockId { get; set; }
        [JsonPropertyName("block_name")] public string BlockName { get; set; } = string.Empty;
        [JsonPropertyName("sequence_number")] public int SequenceNumber { get; set; }
        [JsonPropertyName("previous_block_ids")] public IReadOnlyList<string>? PreviousBlockIds { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; } = string.Empty;
        [JsonPropertyName("started_at")] public DateTime? StartedAt { get; set; }
        [JsonPropertyName("completed_at")] public DateTime? CompletedAt { get; set; }
        [JsonPropertyName("progress_percentage")] public double ProgressPercentage { get; set; }
        [JsonPropertyName("current_step")] public string? CurrentStep { get; set; }
        [JsonPropertyName("processed_count")] public long ProcessedCount { get; set; }
        [JsonPropertyName("total_count")] public long TotalCount { get; set; }
        [JsonPropertyName("estimated_total_count")] public long? EstimatedTotalCount { get; set; }
        [JsonPropertyName("last_updated")] public DateTime? LastUpdated { get; set; }
        [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
        [JsonPropertyName("metrics")] public SfBlockMetrics? Metrics { get; set; }

        public override string ToString() => $"{SequenceNumber}:{BlockName} {Status}";
    }

    public sealed class SfBlockMetrics
    {
        [JsonPropertyName("row_count")] public long RowCount { get; set; }
        [JsonPropertyName("dataframe_type")] public string? DataframeType { get; set; }
        [JsonPropertyName("processed_count")] public long? ProcessedCount { get; set; }
        [JsonPropertyName("total_count")] public long? TotalCount { get; set; }
    }
}
