using System;
using System.Collections.Generic;

namespace Sixtyfour.Models
{
    /// <summary>A run (job) of a workflow, as last seen: what starting it answered, or its live status.</summary>
    public sealed class SfWorkflowRun
    {
        public string JobId { get; set; } = string.Empty;
        public string WorkflowId { get; set; } = string.Empty;
        public string? WorkflowName { get; set; }
        /// <summary>queued, running, completed, failed, cancelled (also spelled canceled), timeout (timed_out) or terminated.</summary>
        public string Status { get; set; } = string.Empty;
        public bool? AlreadyStarted { get; set; }
        public string? CurrentBlock { get; set; }
        public int? CurrentBlockSequence { get; set; }
        public int CompletedBlocks { get; set; }
        public int TotalBlocks { get; set; }
        public double ProgressPercentage { get; set; }
        public DateTime? StartedAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public DateTime? LastUpdated { get; set; }
        public string? ErrorMessage { get; set; }
        public string? StatusReason { get; set; }
        public IReadOnlyList<SfBlockStatus> Blocks { get; set; } = Array.Empty<SfBlockStatus>();
        /// <summary>The result formats asked for when this session started the run (CSV is always produced).</summary>
        public IReadOnlyList<string> ResultFormats { get; set; } = Array.Empty<string>();
        public DateTime? QueuedAt { get; set; }
        /// <summary>From the runs list (Get-SfWorkflowRun without -JobId): the run's time from start to end.</summary>
        public TimeSpan? Duration { get; set; }
        /// <summary>From the runs list's metrics, when the API gives them.</summary>
        public double? CreditsUsed { get; set; }
        public long? RowsIn { get; set; }
        public long? RowsOut { get; set; }

        /// <summary>A Bulk Intelligence job: its state comes from job-status, which is where the API documents it.</summary>
        internal bool IsBulkJob { get; set; }

        public bool IsTerminal => RunStatus.IsTerminal(Status);

        public override string ToString() => JobId;
    }
}
