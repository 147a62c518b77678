using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Models;

/// <summary>A workflow as the API returns it (<c>WorkflowResponse</c>).</summary>
public sealed record WorkflowResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_uuid")] string? UserUuid,
    [property: JsonPropertyName("org_id")] string? OrgId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("last_run_date")] DateTimeOffset? LastRunDate,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraph? WorkflowDefinition);

/// <summary>The block graph of a workflow (<c>WorkflowGraph</c>).</summary>
public sealed record WorkflowGraph(
    [property: JsonPropertyName("blocks")] IReadOnlyList<BlockDefinition> Blocks,
    [property: JsonPropertyName("edges")] IReadOnlyList<WorkflowEdge> Edges);

/// <summary>One block of a graph (<c>Block</c>).</summary>
public sealed record BlockDefinition(
    [property: JsonPropertyName("sequence_number")] int SequenceNumber,
    [property: JsonPropertyName("block_type")] string BlockType,
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("block_id")] string? BlockId,
    [property: JsonPropertyName("specs")] JsonObject Specs);

/// <summary>A data-flow connection between two blocks (<c>WorkflowEdge</c>).</summary>
public sealed record WorkflowEdge(
    [property: JsonPropertyName("from_block_id")] string FromBlockId,
    [property: JsonPropertyName("to_block_id")] string ToBlockId,
    [property: JsonPropertyName("condition")] string? Condition);

/// <summary>Body of <c>POST /workflows/create_workflow</c>; also the format of the example workflow files.</summary>
public sealed record CreateWorkflowRequest(
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("workflow_description")] string? WorkflowDescription,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraph? WorkflowDefinition,
    [property: JsonPropertyName("id")] string? Id);

/// <summary>Body of <c>POST /workflows/update_workflow</c>: every field optional.</summary>
public sealed record UpdateWorkflowRequest(
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("workflow_description")] string? WorkflowDescription,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraph? WorkflowDefinition);

/// <summary>One entry of <c>GET /workflows/blocks</c>.</summary>
public sealed record BlockInfoResponse(
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("specs_schema")] JsonObject SpecsSchema);
