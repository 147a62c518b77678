using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>Response of <c>POST /workflows/run</c>.</summary>
public sealed record WorkflowRunStartedResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("cache_config")] JsonObject? CacheConfig,
    [property: JsonPropertyName("already_started")] bool? AlreadyStarted);

/// <summary>Response of <c>GET /workflows/runs/{run_id}/live_status</c>.</summary>
public sealed record WorkflowLiveStatusResponse(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("overall_status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OverallStatus,
    [property: JsonPropertyName("current_block")] string? CurrentBlock,
    [property: JsonPropertyName("current_block_sequence")] int? CurrentBlockSequence,
    [property: JsonPropertyName("total_blocks")] int TotalBlocks,
    [property: JsonPropertyName("completed_blocks")] int CompletedBlocks,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("last_updated")] DateTimeOffset LastUpdated,
    [property: JsonPropertyName("blocks")] IReadOnlyList<BlockLiveStatus> Blocks,
    [property: JsonPropertyName("overall_progress_percentage")] double OverallProgressPercentage,
    [property: JsonPropertyName("estimation_blocked_by")] string? EstimationBlockedBy);

/// <summary>Per-block progress inside <see cref="WorkflowLiveStatusResponse"/>.</summary>
public sealed record BlockLiveStatus(
    [property: JsonPropertyName("block_id")] string? BlockId,
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("sequence_number")] int SequenceNumber,
    [property: JsonPropertyName("previous_block_ids")] IReadOnlyList<string> PreviousBlockIds,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("progress_percentage")] double ProgressPercentage,
    [property: JsonPropertyName("current_step")] string? CurrentStep,
    [property: JsonPropertyName("processed_count")] long ProcessedCount,
    [property: JsonPropertyName("total_count")] long TotalCount,
    [property: JsonPropertyName("estimated_total_count")] long? EstimatedTotalCount,
    [property: JsonPropertyName("last_updated")] DateTimeOffset LastUpdated,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("metrics")] BlockMetrics Metrics);

/// <summary>Row counters of one block (<c>BlockMetrics</c>).</summary>
public sealed record BlockMetrics(
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("dataframe_type")] string DataframeType,
    [property: JsonPropertyName("processed_count")] long? ProcessedCount,
    [property: JsonPropertyName("total_count")] long? TotalCount);

/// <summary>One result file of <c>GET /workflows/runs/{run_id}/results/download-links</c>.</summary>
public sealed record WorkflowResultItemWithDownload(
    [property: JsonPropertyName("filename")] string Filename,
    [property: JsonPropertyName("storage_bucket")] string StorageBucket,
    [property: JsonPropertyName("file_size")] long? FileSize,
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("block_number")] int? BlockNumber,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("download_url")] string? DownloadUrl,
    [property: JsonPropertyName("download_expires_in_seconds")] int DownloadExpiresInSeconds,
    [property: JsonPropertyName("results")] IReadOnlyList<JsonObject>? Results);

/// <summary>One run of <c>GET /workflows/runs</c>.</summary>
public sealed record WorkflowRunResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("workflow_name")] string WorkflowName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("step")] string? Step,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("queued_at")] DateTimeOffset? QueuedAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("duration_ms")] long? DurationMs,
    [property: JsonPropertyName("status_reason")] string? StatusReason,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("metrics")] JsonObject? Metrics,
    [property: JsonPropertyName("blocks")] JsonNode? Blocks,
    [property: JsonPropertyName("blocks_count")] int BlocksCount);

/// <summary>Response of <c>POST /workflows/cancel</c>.</summary>
public sealed record WorkflowCancelResponse(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("status")] string Status);

/// <summary>Response of <c>POST /storage/csv/upload</c>.</summary>
public sealed record UploadResponse([property: JsonPropertyName("handle_id")] string HandleId);
