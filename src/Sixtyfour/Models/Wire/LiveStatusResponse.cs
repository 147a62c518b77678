using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>WorkflowLiveStatusResponse.</summary>
    internal sealed class LiveStatusResponse
    {
        [JsonPropertyName("run_id")] public string RunId { get; set; } = string.Empty;
        [JsonPropertyName("workflow_id")] public string WorkflowId { get; set; } = string.Empty;
        [JsonPropertyName("overall_status")] public string OverallStatus { get; set; } = string.Empty;
        [JsonPropertyName("current_block")] public string? CurrentBlock { get; set; }
        [JsonPropertyName("current_block_sequence")] public int? CurrentBlockSequence { get; set; }
        [JsonPropertyName("total_blocks")] public int TotalBlocks { get; set; }
        [JsonPropertyName("completed_blocks")] public int CompletedBlocks { get; set; }
        [JsonPropertyName("started_at")] public DateTime? StartedAt { get; set; }
        [JsonPropertyName("completed_at")] public DateTime? CompletedAt { get; set; }
        [JsonPropertyName("last_updated")] public DateTime? LastUpdated { get; set; }
        [JsonPropertyName("blocks")] public List<SfBlockStatus>? Blocks { get; set; }
        [JsonPropertyName("overall_progress_percentage")] public double OverallProgressPercentage { get; set; }

        /// <summary>Folds the live status into the run object the caller already has, keeping what only it knows.</summary>
        public SfWorkflowRun ApplyTo(SfWorkflowRun run)
        {
            run.Status = OverallStatus;
            if (!string.IsNullOrEmpty(WorkflowId)) run.WorkflowId = WorkflowId;
            run.CurrentBlock = CurrentBlock;
            run.CurrentBlockSequence = CurrentBlockSequence;
            run.TotalBlocks = TotalBlocks;
            run.CompletedBlocks = CompletedBlocks;
            run.StartedAt = StartedAt;
            run.CompletedAt = CompletedAt;
            run.LastUpdated = LastUpdated;
            run.ProgressPercentage = OverallProgressPercentage;
            run.Blocks = (IReadOnlyList<SfBlockStatus>?)Blocks ?? Array.Empty<SfBlockStatus>();
            foreach (var block in run.Blocks)
                if (!string.IsNullOrEmpty(block.ErrorMessage)) run.ErrorMessage ??= $"{block.BlockName}: {block.ErrorMessage}";
            return run;
        }
    }
}
