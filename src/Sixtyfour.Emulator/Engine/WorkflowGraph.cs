using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// A workflow's block graph as the compiler, runs and saved state hold it: every block has a sequence number, a
/// type, a name and a specs object, every edge both ends. The API's <c>WorkflowGraph</c> is mapped to it at the
/// HTTP edge (<c>Api.WorkflowGraphWire</c>). The JSON names are those of saved state (<c>workflows/*.json</c>,
/// <c>run.json</c>), which earlier versions wrote in the API's shape.
/// </summary>
public sealed record WorkflowGraph(
    [property: JsonPropertyName("blocks")] IReadOnlyList<BlockDefinition> Blocks,
    [property: JsonPropertyName("edges")] IReadOnlyList<WorkflowEdge> Edges);

/// <summary>One block of a graph; <see cref="BlockId"/> is null when the definition gave none.</summary>
public sealed record BlockDefinition(
    [property: JsonPropertyName("sequence_number")] int SequenceNumber,
    [property: JsonPropertyName("block_type")] string BlockType,
    [property: JsonPropertyName("block_name")] string BlockName,
    [property: JsonPropertyName("block_id")] string? BlockId,
    [property: JsonPropertyName("specs")] JsonObject Specs);

/// <summary>A data-flow connection between two blocks.</summary>
public sealed record WorkflowEdge(
    [property: JsonPropertyName("from_block_id")] string FromBlockId,
    [property: JsonPropertyName("to_block_id")] string ToBlockId,
    [property: JsonPropertyName("condition")] string? Condition);
