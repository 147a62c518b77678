using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>A workflow definition as the API lists it (GET /workflows, GET /workflows/{id}).</summary>
    public sealed class SfWorkflow
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

        /// <summary>The block graph; only detail answers (Get-SfWorkflow -Id or -IncludeDefinition) carry it.</summary>
        [JsonPropertyName("workflow_definition")]
        [JsonConverter(typeof(DefinitionConverter))]
        public SfWorkflowDefinition? Definition { get; set; }

        /// <summary>Lets a workflow bind to -WorkflowId by property name, as runs do.</summary>
        [JsonIgnore] public string WorkflowId => Id;

        public override string ToString() => Name;

        private sealed class DefinitionConverter : JsonConverter<SfWorkflowDefinition?>
        {
            public override SfWorkflowDefinition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                using var document = JsonDocument.ParseValue(ref reader);
                return document.RootElement.ValueKind == JsonValueKind.Object ? SfWorkflowDefinition.FromJson(document.RootElement) : null;
            }

            public override void Write(Utf8JsonWriter writer, SfWorkflowDefinition? value, JsonSerializerOptions options)
            {
                if (value is null) writer.WriteNullValue(); else value.WriteJson(writer);
            }
        }
    }
}
