using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Sixtyfour.Adapters;
using Sixtyfour.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>A workflow's DAG (WorkflowGraph): blocks joined by edges.</summary>
    public sealed class SfWorkflowDefinition : IJsonWritable
    {
        public IReadOnlyList<SfBlock> Blocks { get; set; } = Array.Empty<SfBlock>();
        public IReadOnlyList<SfEdge> Edges { get; set; } = Array.Empty<SfEdge>();

        internal static SfWorkflowDefinition FromJson(JsonElement graph) => new SfWorkflowDefinition
        {
            Blocks = Items(graph, "blocks").Select(SfBlock.FromJson).ToArray(),
            Edges = Items(graph, "edges").Select(SfEdge.FromJson).ToArray(),
        };

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("blocks");
            foreach (var block in Blocks) block.WriteJson(writer);
            writer.WriteEndArray();
            writer.WriteStartArray("edges");
            foreach (var edge in Edges) edge.WriteJson(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public override string ToString() => string.Join(" -> ", Blocks.OrderBy(b => b.SequenceNumber).Select(b => b.BlockName));

        private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
            TryGet(parent, name, out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray()
                : Enumerable.Empty<JsonElement>();

        internal static string? Text(JsonElement parent, string name) =>
            TryGet(parent, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>
        /// A field by its API name (block_type), or as this module's objects spell it (BlockType): a definition piped
        /// through ConvertTo-Json comes back in the second form and must still deploy.
        /// </summary>
        internal static bool TryGet(JsonElement parent, string name, out JsonElement value)
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

    /// <summary>One step of a workflow; Specs are the block's settings as the API holds them.</summary>
    public sealed class SfBlock : IJsonWritable
    {
        public int SequenceNumber { get; set; }
        public string BlockType { get; set; } = string.Empty;
        public string BlockName { get; set; } = string.Empty;
        public string? BlockId { get; set; }
        public PSObject Specs { get; set; } = new PSObject();

        internal static SfBlock FromJson(JsonElement block) => new SfBlock
        {
            SequenceNumber = SfWorkflowDefinition.TryGet(block, "sequence_number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var number) ? number : 0,
            BlockType = SfWorkflowDefinition.Text(block, "block_type") ?? string.Empty,
            BlockName = SfWorkflowDefinition.Text(block, "block_name") ?? string.Empty,
            BlockId = SfWorkflowDefinition.Text(block, "block_id"),
            Specs = SfWorkflowDefinition.TryGet(block, "specs", out var specs) && JsonToPowerShell.Convert(specs) is PSObject value ? value : new PSObject(),
        };

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence_number", SequenceNumber);
            writer.WriteString("block_type", BlockType);
            writer.WriteString("block_name", BlockName);
            if (BlockId is null) writer.WriteNull("block_id"); else writer.WriteString("block_id", BlockId);
            writer.WritePropertyName("specs");
            PowerShellJsonWriter.WriteValue(writer, Specs);
            writer.WriteEndObject();
        }

        public override string ToString() => $"{SequenceNumber}:{BlockName}";
    }

    public sealed class SfEdge : IJsonWritable
    {
        public string FromBlockId { get; set; } = string.Empty;
        public string ToBlockId { get; set; } = string.Empty;
        public string? Condition { get; set; }

        internal static SfEdge FromJson(JsonElement edge) => new SfEdge
        {
            FromBlockId = SfWorkflowDefinition.Text(edge, "from_block_id") ?? string.Empty,
            ToBlockId = SfWorkflowDefinition.Text(edge, "to_block_id") ?? string.Empty,
            Condition = SfWorkflowDefinition.Text(edge, "condition"),
        };

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("from_block_id", FromBlockId);
            writer.WriteString("to_block_id", ToBlockId);
            // Reserved by the API for conditional branching; left out while unused so definition files stay small.
            if (Condition != null) writer.WriteString("condition", Condition);
            writer.WriteEndObject();
        }

        public override string ToString() => $"{FromBlockId} -> {ToBlockId}";
    }
}
