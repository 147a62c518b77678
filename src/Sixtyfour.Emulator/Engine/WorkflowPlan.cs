namespace Sixtyfour.Emulator.Engine;

/// <summary>One block of a <see cref="WorkflowPlan"/>, with its resolved neighbours.</summary>
public sealed class PlannedBlock(BlockDefinition definition)
{
    public BlockDefinition Definition { get; } = definition;

    /// <summary>The block's <c>block_id</c>, or <c>block_{sequence_number}</c> when the definition has none.</summary>
    public string Id { get; } = IdOf(definition);

    public static string IdOf(BlockDefinition definition) => definition.BlockId ?? $"block_{definition.SequenceNumber}";

    private readonly List<PlannedBlock> parents = [];
    private readonly List<PlannedBlock> children = [];

    /// <summary>Parents in <c>sequence_number</c> order, which is also the order their rows are concatenated in.</summary>
    public IReadOnlyList<PlannedBlock> Parents => parents;

    /// <summary>Children in <c>sequence_number</c> order.</summary>
    public IReadOnlyList<PlannedBlock> Children => children;

    internal void Connect(PlannedBlock child)
    {
        children.Add(child);
        child.parents.Add(this);
    }

    internal void SortNeighbours()
    {
        parents.Sort(BySequence);
        children.Sort(BySequence);
    }

    private static int BySequence(PlannedBlock left, PlannedBlock right) =>
        left.Definition.SequenceNumber.CompareTo(right.Definition.SequenceNumber);
}

/// <summary>A workflow graph checked and put in execution (topological) order.</summary>
public sealed class WorkflowPlan
{
    private WorkflowPlan(IReadOnlyList<PlannedBlock> blocks) => Blocks = blocks;

    /// <summary>All blocks, parents before children; among ready blocks the lower <c>sequence_number</c> first.</summary>
    public IReadOnlyList<PlannedBlock> Blocks { get; }

    /// <summary>Blocks without parents, in order.</summary>
    public IEnumerable<PlannedBlock> Sources => Blocks.Where(block => block.Parents.Count == 0);

    /// <summary>Builds the plan; throws <see cref="WorkflowGraphException"/> naming the offending block or edge.</summary>
    public static WorkflowPlan Create(WorkflowGraph graph)
    {
        if (graph.Blocks.Count == 0)
        {
            throw new WorkflowGraphException(null, "The workflow has no blocks.");
        }

        var byId = new Dictionary<string, PlannedBlock>(StringComparer.Ordinal);
        foreach (var definition in graph.Blocks)
        {
            var block = new PlannedBlock(definition);
            if (!byId.TryAdd(block.Id, block))
            {
                throw new WorkflowGraphException(block.Id, $"Block id '{block.Id}' is used by more than one block.");
            }

            if (byId.Values.Any(other => other != block && other.Definition.SequenceNumber == definition.SequenceNumber))
            {
                throw new WorkflowGraphException(block.Id, $"Block '{block.Id}' repeats sequence_number {definition.SequenceNumber}; each block needs its own.");
            }
        }

        foreach (var edge in graph.Edges)
        {
            var from = byId.GetValueOrDefault(edge.FromBlockId)
                ?? throw new WorkflowGraphException(edge.FromBlockId, $"Edge {edge.FromBlockId} -> {edge.ToBlockId} starts at an unknown block '{edge.FromBlockId}'.");
            var to = byId.GetValueOrDefault(edge.ToBlockId)
                ?? throw new WorkflowGraphException(edge.ToBlockId, $"Edge {edge.FromBlockId} -> {edge.ToBlockId} ends at an unknown block '{edge.ToBlockId}'.");
            if (from == to || to.Parents.Contains(from))
            {
                throw new WorkflowGraphException(to.Id, $"Edge {edge.FromBlockId} -> {edge.ToBlockId} is a self-loop or a duplicate.");
            }

            from.Connect(to);
        }

        foreach (var block in byId.Values)
        {
            block.SortNeighbours();
        }

        return new WorkflowPlan(SortTopologically([.. byId.Values]));
    }

    /// <summary>Kahn's algorithm; whatever is left when no block is ready lies on or behind a cycle.</summary>
    private static List<PlannedBlock> SortTopologically(IReadOnlyList<PlannedBlock> blocks)
    {
        // Sequence numbers are unique (Create checks), so they alone order the ready blocks. Filled in a loop, not by
        // ToDictionary: Stryker's Count-to-Sum mutant in that lambda does not compile and costs every mutant here.
        var remainingParents = new Dictionary<PlannedBlock, int>(blocks.Count);
        var ready = new PriorityQueue<PlannedBlock, int>();
        foreach (var block in blocks)
        {
            remainingParents[block] = block.Parents.Count;
            if (block.Parents.Count == 0)
            {
                ready.Enqueue(block, block.Definition.SequenceNumber);
            }
        }

        var ordered = new List<PlannedBlock>(blocks.Count);
        while (ready.TryDequeue(out var block, out _))
        {
            ordered.Add(block);
            foreach (var child in block.Children.Where(child => --remainingParents[child] == 0))
            {
                ready.Enqueue(child, child.Definition.SequenceNumber);
            }
        }

        if (ordered.Count < blocks.Count)
        {
            var cyclic = blocks.Where(block => remainingParents[block] > 0).Select(block => block.Id).ToList();
            throw new WorkflowGraphException(cyclic[0], $"The workflow graph has a cycle; it involves block(s) {string.Join(", ", cyclic)}.");
        }

        return ordered;
    }
}

/// <summary>The graph is not a runnable DAG; <see cref="BlockId"/> names the block at fault when there is one.</summary>
public sealed class WorkflowGraphException(string? blockId, string message) : Exception(message)
{
    public string? BlockId { get; } = blockId;
}
