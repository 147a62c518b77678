using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>A schedule as the API returns it (<c>ScheduleResponse</c>).</summary>
public sealed record ScheduleResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("workflow_id")] string WorkflowId,
    [property: JsonPropertyName("team_id")] string? TeamId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("cron_expression")] string CronExpression,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("disabled_reason")] string? DisabledReason,
    [property: JsonPropertyName("created_by")] string? CreatedBy,
    [property: JsonPropertyName("api_key_id")] int? ApiKeyId,
    [property: JsonPropertyName("next_run_times")] IReadOnlyList<DateTimeOffset> NextRunTimes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>Response of <c>DELETE /schedules/{schedule_id}</c> (the spec only says "an object").</summary>
public sealed record ScheduleDeletedResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("deleted")] bool Deleted);
