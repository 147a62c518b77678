using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Sixtyfour.Models
{
    /// <summary>A workflow's DAG (WorkflowGraph): blocks joined by edges. Read and written as JSON by Adapters/WorkflowModels.</summary>
    public sealed class SfWorkflowDefinition
    {
        public IReadOnlyList<SfBlock> Blocks { get; set; } = Array.Empty<SfBlock>();
        public IReadOnlyList<SfEdge> Edges { get; set; } = Array.Empty<SfEdge>();

        public override string ToString() => string.Join(" -> ", Blocks.OrderBy(b => b.SequenceNumber).Select(b => b.BlockName));
    }

    /// <summary>One step of a workflow; Specs are the block's settings as the API holds them.</summary>
    public sealed class SfBlock
    {
        public int SequenceNumber { get; set; }
        public string BlockType { get; set; } = string.Empty;
        public string BlockName { get; set; } = string.Empty;
        public string? BlockId { get; set; }
        public PSObject Specs { get; set; } = new PSObject();

        public override string ToString() => $"{SequenceNumber}:{BlockName}";
    }

    public sealed class SfEdge
    {
        public string FromBlockId { get; set; } = string.Empty;
        public string ToBlockId { get; set; } = string.Empty;
        public string? Condition { get; set; }

        public override string ToString() => $"{FromBlockId} -> {ToBlockId}";
    }
}
