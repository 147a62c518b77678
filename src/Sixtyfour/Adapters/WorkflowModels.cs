using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Sixtyfour.Models;
using Sixtyfour.Models.Wire;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// The API's workflow and block-type answers as the module's output types, and workflow graphs back to JSON: the
    /// one place where their PowerShell parts (a block's Specs, a schema as objects) are made from JSON and written.
    /// </summary>
    internal static class WorkflowModels
    {
        public static SfWorkflow Workflow(WorkflowResponse wire) => new SfWorkflow
        {
            Id = wire.Id,
            Name = wire.Name,
            Description = wire.Description,
            Status = wire.Status,
            Step = wire.Step,
            CreatedAt = wire.CreatedAt,
            UpdatedAt = wire.UpdatedAt,
            LastRunDate = wire.LastRunDate,
            UserUuid = wire.UserUuid,
            OrgId = wire.OrgId,
            Definition = wire.Definition.ValueKind == JsonValueKind.Object ? Definition(wire.Definition) : null,
        };

        public static IReadOnlyList<SfWorkflow> Workflows(IEnumerable<WorkflowResponse> wire) => wire.Select(Workflow).ToArray();

        public static IReadOnlyList<SfBlockType> BlockTypes(IEnumerable<BlockInfoResponse> wire) => wire.Select(block => new SfBlockType
        {
            BlockName = block.BlockName,
            Schema = block.SpecsSchema,
            SpecsSchema = block.SpecsSchema.ValueKind == JsonValueKind.Object ? JsonToPowerShell.Convert(block.SpecsSchema) as PSObject : null,
        }).ToArray();

        public static SfWorkflowDefinition Definition(JsonElement graph) => new SfWorkflowDefinition
        {
            Blocks = Items(graph, "blocks").Select(Block).ToArray(),
            Edges = Items(graph, "edges").Select(Edge).ToArray(),
        };

        public static void Write(Utf8JsonWriter writer, SfWorkflowDefinition definition)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("blocks");
            foreach (var block in definition.Blocks) Write(writer, block);
            writer.WriteEndArray();
            writer.WriteStartArray("edges");
            foreach (var edge in definition.Edges) Write(writer, edge);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public static void Write(Utf8JsonWriter writer, SfBlock block)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence_number", block.SequenceNumber);
            writer.WriteString("block_type", block.BlockType);
            writer.WriteString("block_name", block.BlockName);
            if (block.BlockId is null) writer.WriteNull("block_id"); else writer.WriteString("block_id", block.BlockId);
            writer.WritePropertyName("specs");
            PowerShellJsonWriter.WriteValue(writer, block.Specs);
            writer.WriteEndObject();
        }

        public static void Write(Utf8JsonWriter writer, SfEdge edge)
        {
            writer.WriteStartObject();
            writer.WriteString("from_block_id", edge.FromBlockId);
            writer.WriteString("to_block_id", edge.ToBlockId);
            // Reserved by the API for conditional branching; left out while unused so definition files stay small.
            if (edge.Condition != null) writer.WriteString("condition", edge.Condition);
            writer.WriteEndObject();
        }

        private static SfBlock Block(JsonElement block) => new SfBlock
        {
            SequenceNumber = TryGet(block, "sequence_number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var number) ? number : 0,
            BlockType = Text(block, "block_type") ?? string.Empty,
            BlockName = Text(block, "block_name") ?? string.Empty,
            BlockId = Text(block, "block_id"),
            Specs = TryGet(block, "specs", out var specs) && JsonToPowerShell.Convert(specs) is PSObject value ? value : new PSObject(),
        };

        private static SfEdge Edge(JsonElement edge) => new SfEdge
        {
            FromBlockId = Text(edge, "from_block_id") ?? string.Empty,
            ToBlockId = Text(edge, "to_block_id") ?? string.Empty,
            Condition = Text(edge, "condition"),
        };

        private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
            TryGet(parent, name, out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray()
                : Enumerable.Empty<JsonElement>();

        public static string? Text(JsonElement parent, string name) =>
            TryGet(parent, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>
        /// A field by its API name (block_type), or as this module's objects spell it (BlockType): a definition piped
        /// through ConvertTo-Json comes back in the second form and must still deploy.
        /// </summary>
        public static bool TryGet(JsonElement parent, string name, out JsonElement value)
        {
            value = default;
            if (parent.ValueKind != JsonValueKind.Object) return false;
            if (parent.TryGetProperty(name, out value)) return true;
            var wanted = name.Replace("_", string.Empty);
            foreach (var property in parent.EnumerateObject())
            {
                if (!string.Equals(property.Name.Replace("_", string.Empty), wanted, StringComparison.OrdinalIgnoreCase)) continue;
                value = property.Value;
                return true;
            }
            return false;
        }
    }
}
