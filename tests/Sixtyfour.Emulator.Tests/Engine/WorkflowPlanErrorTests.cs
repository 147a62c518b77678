using System.Globalization;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Engine;

/// <summary>What the plan says about a graph it refuses (the API's 422 quotes it), and the order among ready blocks.</summary>
public sealed class WorkflowPlanErrorTests
{
    [Theory]
    [InlineData("a,1;b,2", "zzz>a", "zzz", "Edge zzz -> a starts at an unknown block 'zzz'.")]
    [InlineData("a,1;b,2", "a>zzz", "zzz", "Edge a -> zzz ends at an unknown block 'zzz'.")]
    [InlineData("a,1;b,2", "a>a", "a", "Edge a -> a is a self-loop or a duplicate.")]
    [InlineData("a,1;b,2", "a>b;a>b", "b", "Edge a -> b is a self-loop or a duplicate.")]
    [InlineData("a,1;a,2", "", "a", "Block id 'a' is used by more than one block.")]
    [InlineData("a,1;b,1", "", "b", "Block 'b' repeats sequence_number 1; each block needs its own.")]
    [InlineData("a,1;b,2;c,3", "a>b;b>c;c>b", "b", "The workflow graph has a cycle; it involves block(s) b, c.")]
    [InlineData("a,1;b,2;c,3;d,4", "a>b;b>c;c>b;c>d", "b", "The workflow graph has a cycle; it involves block(s) b, c, d.")]
    [InlineData("a,1;b,2", "a>b;b>a", "a", "The workflow graph has a cycle; it involves block(s) a, b.")]
    public void Refusals_name_the_block_and_say_why(string blocks, string edges, string blockId, string message)
    {
        var error = Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(Graph(blocks, edges)));

        Assert.Equal(message, error.Message);
        Assert.Equal(blockId, error.BlockId);
    }

    [Fact]
    public void An_empty_graph_names_no_block()
    {
        var error = Assert.Throws<WorkflowGraphException>(() => WorkflowPlan.Create(new WorkflowGraph([], [])));

        Assert.Equal("The workflow has no blocks.", error.Message);
        Assert.Null(error.BlockId);
    }

    [Fact]
    public void A_block_that_becomes_ready_later_still_goes_first_when_its_sequence_number_is_lower()
    {
        // a (1) and b (3) are ready at once; c (2) only after a, but before b.
        var plan = WorkflowPlan.Create(Graph("b,3;c,2;a,1", "a>c"));

        Assert.Equal(["a", "c", "b"], plan.Blocks.Select(block => block.Id));
        Assert.Equal(["a", "b"], plan.Sources.Select(block => block.Id));
        Assert.Empty(plan.Blocks[0].Parents);
        Assert.Equal(["c"], plan.Blocks[0].Children.Select(block => block.Id));
        Assert.Equal(["a"], plan.Blocks[1].Parents.Select(block => block.Id));
        Assert.Empty(plan.Blocks[2].Children);
    }

    [Fact]
    public void Neighbours_are_in_sequence_order_whatever_the_order_of_the_edges()
    {
        var plan = WorkflowPlan.Create(Graph("a,1;b,2;c,3;d,4;e,5", "a>e;d>e;b>e;a>d;a>b"));
        var byId = plan.Blocks.ToDictionary(block => block.Id);

        Assert.Equal(["a", "b", "d"], byId["e"].Parents.Select(block => block.Id));
        Assert.Equal(["b", "d", "e"], byId["a"].Children.Select(block => block.Id));
        Assert.Equal(["a", "b", "c", "d", "e"], plan.Blocks.Select(block => block.Id));
    }

    [Fact]
    public void A_block_id_is_its_own_or_made_from_its_sequence_number()
    {
        Assert.Equal("mine", PlannedBlock.IdOf(new BlockDefinition(3, "filter", "filter", "mine", new JsonObject())));
        Assert.Equal("block_12", PlannedBlock.IdOf(new BlockDefinition(12, "filter", "filter", null, new JsonObject())));
    }

    /// <summary>"id,sequence;..." and "from>to;...".</summary>
    private static WorkflowGraph Graph(string blocks, string edges) => new(
        [.. blocks.Split(';').Select(block => block.Split(',')).Select(part => new BlockDefinition(int.Parse(part[1], CultureInfo.InvariantCulture), "filter", "filter", part[0], new JsonObject()))],
        [.. edges.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(edge => edge.Split('>')).Select(part => new WorkflowEdge(part[0], part[1], null))]);
}
