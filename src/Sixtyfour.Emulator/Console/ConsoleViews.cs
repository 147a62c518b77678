using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Catalog;

namespace Sixtyfour.Emulator.WebConsole;

/// <summary>A workflow in the console's list (its graph is fetched when it is opened).</summary>
public sealed record WorkflowSummaryView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("block_count")] int BlockCount,
    [property: JsonPropertyName("last_run_date")] DateTimeOffset? LastRunDate);

/// <summary>A run as the console lists it: live_status's per-block progress plus the times and credits of the runs list.</summary>
public sealed record RunView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("workflow_name")] string WorkflowName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_reason")] string? StatusReason,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("queued_at")] DateTimeOffset QueuedAt,
    [property: JsonPropertyName("duration_ms")] long? DurationMs,
    [property: JsonPropertyName("credits_used")] decimal CreditsUsed,
    [property: JsonPropertyName("credits_charged")] decimal? CreditsCharged,
    [property: JsonPropertyName("ended")] bool Ended,
    [property: JsonPropertyName("blocks")] IReadOnlyList<BlockProgressView> Blocks);

public sealed record BlockProgressView(
    [property: JsonPropertyName("block_id")] string? BlockId,
    [property: JsonPropertyName("block_type")] string BlockType,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress_percentage")] double ProgressPercentage,
    [property: JsonPropertyName("processed_count")] long ProcessedCount,
    [property: JsonPropertyName("estimated_total_count")] long? EstimatedTotalCount,
    [property: JsonPropertyName("error_message")] string? ErrorMessage);

/// <summary>A result file of a run, with the console's own same-origin download path.</summary>
public sealed record ResultFileView(
    [property: JsonPropertyName("block_id")] string BlockId,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("href")] string Href);

/// <summary>A journal entry with how its request ended (status null: still running, or the connection was dropped).</summary>
public sealed record RequestView(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("aborted")] bool Aborted,
    [property: JsonPropertyName("fault_rule_id")] string? FaultRuleId,
    [property: JsonPropertyName("api_key_present")] bool ApiKeyPresent,
    [property: JsonPropertyName("variations")] IReadOnlyList<string> Variations);

public sealed record ScheduleView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("cron_expression")] string CronExpression,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("disabled_reason")] string? DisabledReason,
    [property: JsonPropertyName("next_fire_times")] IReadOnlyList<DateTimeOffset> NextFireTimes);

/// <summary>Credits, schedules and notebooks: the account page.</summary>
public sealed record AccountView(
    [property: JsonPropertyName("credits")] decimal Credits,
    [property: JsonPropertyName("starting_credits")] decimal StartingCredits,
    [property: JsonPropertyName("schedules")] IReadOnlyList<ScheduleView> Schedules,
    [property: JsonPropertyName("notebooks")] IReadOnlyList<NotebookSummary> Notebooks);
