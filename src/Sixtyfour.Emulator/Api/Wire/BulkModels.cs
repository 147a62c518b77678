using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>
/// Response of <c>POST /bulk-intelligence/{people|company}</c> (<c>BulkIntelligenceStartedResponse</c>).
/// Null fields are left out: <c>row_count</c> on idempotent replays, and the estimate in the unit not asked for.
/// </summary>
public sealed record BulkIntelligenceStartedResponse(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("row_count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RowCount,
    [property: JsonPropertyName("estimated_cost_cents"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? EstimatedCostCents,
    [property: JsonPropertyName("estimated_cost_credits"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? EstimatedCostCredits,
    [property: JsonPropertyName("already_started")] bool AlreadyStarted);

/// <summary>
/// Response of <c>GET /job-status/{job_id}</c>, one of its documented shapes: running or ended
/// without success (<c>status, id, run_id, start_time</c>), or completed with files (plus
/// <c>close_time</c>, <c>results</c> and <c>charge_amount</c> or <c>charge_credits</c>).
/// </summary>
public sealed record JobStatusResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("start_time")] DateTimeOffset StartTime,
    [property: JsonPropertyName("close_time"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CloseTime = null,
    [property: JsonPropertyName("results"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WorkflowResultItemWithDownload>? Results = null,
    [property: JsonPropertyName("charge_amount"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ChargeAmount = null,
    [property: JsonPropertyName("charge_credits"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ChargeCredits = null);
