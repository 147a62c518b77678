using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Api;

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
    [property: JsonPropertyName("workflow_definition")] WorkflowGraphWire? WorkflowDefinition);

/// <summary>
/// The block graph of a workflow as the API sends and accepts it (<c>WorkflowGraph</c>), mapped to and from the
/// engine's <see cref="WorkflowGraph"/> here, at the edge. Request bodies are deserialized into it only after
/// <see cref="WorkflowRequestReader"/> has checked the fields the schema requires, so those are never null.
/// </summary>
public sealed record WorkflowGraphWire(
    [property: JsonPropertyName("blocks")] IReadOnlyList<BlockWire> Blocks,
    [property: JsonPropertyName("edges")] IReadOnlyList<WorkflowEdgeWire> Edges)
{
    public static WorkflowGraphWire From(WorkflowGraph graph) => new(
        [.. graph.Blocks.Select(block => new BlockWire(block.SequenceNumber, block.BlockType, block.BlockName, block.BlockId, block.Specs))],
        [.. graph.Edges.Select(edge => new WorkflowEdgeWire(edge.FromBlockId, edge.ToBlockId, edge.Condition))]);

    public WorkflowGraph ToGraph() => new(
        [.. Blocks.Select(block => new BlockDefinition(block.SequenceNumber, block.BlockType, block.BlockName, block.BlockId, block.Specs))],
        [.. Edges.Select(edge => new WorkflowEdge(edge.FromBlockId, edge.ToBlockId, edge.Condition))]);
}

/// <summary>One block of a graph (<c>Block</c>); <c>block_id</c> is optional.</summary>
public sealed record BlockWire(
    [property: JsonPropertyName("sequence_number")] int SequenceNumber,
    [property: JsonPropertyName("block_type")] string BlockType,
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("block_id")] string? BlockId,
    [property: JsonPropertyName("specs")] JsonObject Specs);

/// <summary>A data-flow connection between two blocks (<c>WorkflowEdge</c>); <c>condition</c> is reserved and optional.</summary>
public sealed record WorkflowEdgeWire(
    [property: JsonPropertyName("from_block_id")] string FromBlockId,
    [property: JsonPropertyName("to_block_id")] string ToBlockId,
    [property: JsonPropertyName("condition")] string? Condition);

/// <summary>Body of <c>POST /workflows/create_workflow</c>.</summary>
public sealed record CreateWorkflowRequest(
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("workflow_description")] string? WorkflowDescription,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraphWire? WorkflowDefinition,
    [property: JsonPropertyName("id")] string? Id);

/// <summary>Body of <c>POST /workflows/update_workflow</c>: every field optional.</summary>
public sealed record UpdateWorkflowRequest(
    [property: JsonPropertyName("workflow_name")] string? WorkflowName,
    [property: JsonPropertyName("workflow_description")] string? WorkflowDescription,
    [property: JsonPropertyName("workflow_definition")] WorkflowGraphWire? WorkflowDefinition);

/// <summary>One entry of <c>GET /workflows/blocks</c>.</summary>
public sealed record BlockInfoResponse(
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("specs_schema")] JsonObject SpecsSchema);
