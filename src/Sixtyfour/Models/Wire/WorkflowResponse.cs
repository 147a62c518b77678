using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>
    /// A workflow as the API answers (GET /workflows, GET /workflows/{id}, create, update, delete). Its graph stays
    /// JSON here: the blocks' specs become PowerShell objects only above the client (Adapters/WorkflowModels).
    /// </summary>
    internal sealed class WorkflowResponse
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("step")] public string? Step { get; set; }
        [JsonPropertyName("created_at")] public DateTime? CreatedAt { get; set; }
        [JsonPropertyName("updated_at")] public DateTime? UpdatedAt { get; set; }
        [JsonPropertyName("last_run_date")] public DateTime? LastRunDate { get; set; }
        [JsonPropertyName("user_uuid")] public string? UserUuid { get; set; }
        [JsonPropertyName("org_id")] public string? OrgId { get; set; }

        /// <summary>Only detail answers carry it; Undefined or null otherwise.</summary>
        [JsonPropertyName("workflow_definition")] public JsonElement Definition { get; set; }
    }
}
