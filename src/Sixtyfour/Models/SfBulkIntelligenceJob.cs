using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>A Bulk Intelligence job (BulkIntelligenceStartedResponse). Its JobId pipes into the wait, result and save commands.</summary>
    public sealed class SfBulkIntelligenceJob
    {
        [JsonPropertyName("task_id")] public string JobId { get; set; } = string.Empty;
        /// <summary>The state in the spelling runs use (running, completed, …); the API's own word is RawStatus ("RUNNING", "pending", …).</summary>
        [JsonIgnore] public string Status { get => RawStatus.ToLowerInvariant(); set => RawStatus = value; }
        [JsonPropertyName("status")] public string RawStatus { get; set; } = string.Empty;
        [JsonPropertyName("row_count")] public long? RowCount { get; set; }
        [JsonPropertyName("estimated_cost_cents")] public long? EstimatedCostCents { get; set; }
        [JsonPropertyName("estimated_cost_credits")] public double? EstimatedCostCredits { get; set; }
        [JsonPropertyName("already_started")] public bool? AlreadyStarted { get; set; }
        /// <summary>People or Company (set by the module).</summary>
        [JsonIgnore] public string Type { get; set; } = string.Empty;

        public override string ToString() => JobId;

        /// <summary>The tiers each kind of job takes (the config schemas of SPEC-B): companies have no xhigh or scout.</summary>
        internal static System.Collections.Generic.IReadOnlyList<string> TiersFor(string? type) =>
            string.Equals(type, "Company", System.StringComparison.OrdinalIgnoreCase)
                ? new[] { "micro", "low", "medium", "high" }
                : new[] { "micro", "low", "medium", "high", "xhigh", "scout" };
    }
}
