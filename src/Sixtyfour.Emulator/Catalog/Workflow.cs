using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Catalog;

/// <summary>
/// A stored workflow. The API's <c>WorkflowResponse</c> is made from it at the HTTP edge; the names
/// below are those of the saved <c>workflows/*.json</c> files, which earlier versions wrote as that response.
/// </summary>
public sealed record Workflow(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("last_run_date")] DateTimeOffset? LastRunDate,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraph Definition);
