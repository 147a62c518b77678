using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Engine;

public sealed class WorkflowPlanTests
{
    [Fact]
    public void Blocks_run_parents_first_and_by_sequence_number_among_equals()
    {
        // A diamond listed out of order: d needs b and c, which both need a.
        var plan = WorkflowPlan.Create(Graph(
            [("d", 4), ("c", 3), ("a", 1), ("b", 2)],
            [("a", "c"), ("a", "b"), ("c", "d"), ("b", "d")]));

        Assert.Equal(["a", "b", "c", "d"], plan.Blocks.Select(block => block.Id));
        Assert.Equal(["b", "c"], plan.Blocks[3].Parents.Select(parent => parent.Id));
        Assert.Equal(["b", "c"], plan.Blocks[0].Children.Select(child => child.Id));
        Assert.Equal(["a"], plan.Sources.Select(block => block.Id));
    }

    [Fact]
    public void Topological_order_beats_sequence_numbers()
    {
        var plan = WorkflowPlan.Create(Graph([("late", 1), ("early", 2)], [("early", "late")]));

        Assert.Equal(["early", "late"], plan.Blocks.Select(block => block.Id));
    }

    [Fact]
    public void Cycles_are_detected()
    {
        var error = Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(Graph(
            [("a", 1), ("b", 2), ("c", 3)],
            [("a", "b"), ("b", "c"), ("c", "b")])));

        Assert.Contains("cycle", error.Message);
        Assert.Equal("b", error.BlockId);
    }

    [Theory]
    [InlineData("a", "zzz", "zzz")]
    [InlineData("zzz", "a", "zzz")]
    [InlineData("a", "a", "a")]
    public void Bad_edges_name_the_block(string from, string to, string blockId)
    {
        var error = Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(Graph([("a", 1), ("b", 2)], [(from, to)])));

        Assert.Equal(blockId, error.BlockId);
    }

    [Fact]
    public void Duplicate_ids_and_empty_graphs_are_rejected()
    {
        Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(Graph([("a", 1), ("a", 2)], [])));
        Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(Graph([], [])));
    }

    [Fact]
    public void Blocks_without_an_id_get_one_from_their_sequence_number()
    {
        var plan = WorkflowPlan.Create(new WorkflowGraph([new BlockDefinition(7, "webhook", "webhook", null, [])], []));

        Assert.Equal("block_7", plan.Blocks[0].Id);
    }

    private static WorkflowGraph Graph(IEnumerable<(string Id, int Sequence)> blocks, IEnumerable<(string From, string To)> edges) => new(
        [.. blocks.Select(block => new BlockDefinition(block.Sequence, "filter", "filter", block.Id, new JsonObject()))],
        [.. edges.Select(edge => new WorkflowEdge(edge.From, edge.To, null))]);
}
