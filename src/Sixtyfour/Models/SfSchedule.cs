using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>A cron schedule that starts a workflow (ScheduleResponse).</summary>
    public sealed class SfSchedule
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("workflow_id")] public string WorkflowId { get; set; } = string.Empty;
        [JsonPropertyName("team_id")] public string? TeamId { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("cron_expression")] public string CronExpression { get; set; } = string.Empty;
        [JsonPropertyName("timezone")] public string TimeZone { get; set; } = "UTC";
        [JsonPropertyName("is_active")] public bool IsActive { get; set; }
        [JsonPropertyName("disabled_reason")] public string? DisabledReason { get; set; }
        [JsonPropertyName("created_by")] public string? CreatedBy { get; set; }
        [JsonPropertyName("next_run_times"), JsonConverter(typeof(Serialization.LenientDateTimeListConverter))] public IReadOnlyList<DateTime>? NextRunTimes { get; set; }
        [JsonPropertyName("created_at")] public DateTime? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTime? UpdatedAt { get; set; }

        /// <summary>Lets a schedule bind to -ScheduleId by property name.</summary>
        [JsonIgnore] public string ScheduleId => Id;

        public override string ToString() => Name;
    }
}
