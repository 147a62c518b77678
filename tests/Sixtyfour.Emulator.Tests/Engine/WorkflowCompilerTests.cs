using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Engine;

/// <summary>
/// What the compiler checks beyond the plan — block names, sources, specs, dataframe types — with stand-in blocks
/// whose typing each case picks, and the exact refusals the API's 422 quotes.
/// </summary>
public sealed class WorkflowCompilerTests
{
    private static readonly WorkflowCompiler Compiler = new(new BlockRegistry(
    [
        new Source("src"),
        new Stage("any", null, DataframeTypes.SameAsInput),
        new Stage("lead_only", DataframeTypes.Lead, DataframeTypes.SameAsInput),
        new Stage("to_company", DataframeTypes.Lead, DataframeTypes.Company),
        new Stage("strict", null, DataframeTypes.SameAsInput, """{"properties":{"mode":{"enum":["a"]}},"required":["mode"],"additionalProperties":false}"""),
    ]));

    [Fact]
    public void A_graph_compiles_to_its_blocks_and_the_type_of_each_ones_rows()
    {
        var compiled = Compiler.Compile(Graph(
            [Block("input", "src", """{"dataframe_type":"COMPANY"}"""), Block("keep", "any"), Block("mode", "strict", """{"mode":"a"}""")],
            "input>keep;keep>mode"));

        Assert.Equal("input", compiled.Source.Id);
        Assert.Equal(["input:src:COMPANY", "keep:any:COMPANY", "mode:strict:COMPANY"], Describe(compiled));
    }

    [Fact]
    public void Each_block_takes_its_type_from_its_parent()
    {
        var compiled = Compiler.Compile(Graph([Block("input", "src"), Block("companies", "to_company"), Block("keep", "any")], "input>companies;companies>keep"));

        Assert.Equal(["input:src:LEAD", "companies:to_company:COMPANY", "keep:any:COMPANY"], Describe(compiled));
    }

    [Fact]
    public void Specs_override_reaches_the_source_only()
    {
        // strict's closed schema would refuse dataframe_type; the override changes the source's type and nothing else.
        var compiled = Compiler.Compile(
            Graph([Block("input", "src"), Block("mode", "strict", """{"mode":"a"}""")], "input>mode"),
            new JsonObject { ["dataframe_type"] = "COMPANY" });

        Assert.Equal(["input:src:COMPANY", "mode:strict:COMPANY"], Describe(compiled));
    }

    [Fact]
    public void Specs_override_is_checked_like_the_specs_it_replaces()
    {
        var error = Assert.Throws<WorkflowGraphException>(() => Compiler.Compile(
            Graph([Block("input", "src"), Block("keep", "any")], "input>keep"),
            new JsonObject { ["refuse"] = "not with this override" }));

        Assert.Equal("Block 'input' (src): not with this override", error.Message);
        Assert.Equal("input", error.BlockId);
    }

    public static TheoryData<string, WorkflowGraph, string, string> Refusals => new()
    {
        { "no such block", Graph([Block("input", "src"), Block("x", "make_coffee")], "input>x"), "x", "Block 'x' has unknown block_name 'make_coffee'." },
        { "a source with a parent", Graph([Block("input", "src"), Block("again", "src")], "input>again"), "again", "Block 'again' (src) is a source block and cannot have incoming edges." },
        { "a block without a parent", Graph([Block("input", "src"), Block("lonely", "any")], ""), "lonely", "Block 'lonely' (any) is not connected to a source: it has no incoming edge." },
        { "specs against the schema", Graph([Block("input", "src"), Block("mode", "strict")], "input>mode"), "mode", "Block 'mode' (strict): spec 'mode' is required." },
        { "specs the block refuses", Graph([Block("input", "src"), Block("keep", "any", """{"refuse":"no thanks"}""")], "input>keep"), "keep", "Block 'keep' (any): no thanks" },
        {
            "a type the source cannot give", Graph([Block("input", "src", """{"dataframe_type":"PERSON"}"""), Block("keep", "any")], "input>keep"),
            "input", "Block 'input' (src): Spec 'dataframe_type' must be one of LEAD, COMPANY; got \"PERSON\"."
        },
        {
            "the wrong type for the block", Graph([Block("input", "src", """{"dataframe_type":"COMPANY"}"""), Block("leads", "lead_only")], "input>leads"),
            "leads", "Edge input -> leads: block 'leads' (lead_only) takes LEAD rows but block 'input' (src) gives COMPANY rows."
        },
        {
            "parents that disagree", Graph([Block("input", "src"), Block("companies", "to_company"), Block("leads", "any"), Block("both", "any")], "input>companies;input>leads;companies>both;leads>both"),
            "both", "Edge leads -> both: block 'both' (any) takes COMPANY rows but block 'leads' (any) gives LEAD rows."
        },
        {
            "parents that agree on the wrong type", Graph([Block("input", "src", """{"dataframe_type":"COMPANY"}"""), Block("one", "any"), Block("two", "any"), Block("leads", "lead_only")], "input>one;input>two;one>leads;two>leads"),
            "leads", "Edge one -> leads: block 'leads' (lead_only) takes LEAD rows but block 'one' (any) gives COMPANY rows."
        },
        {
            "parents that disagree, the first of the wrong type for the block", Graph([Block("input", "src"), Block("companies", "to_company"), Block("leads", "any"), Block("x", "lead_only")], "input>companies;input>leads;companies>x;leads>x"),
            "x", "Edge companies -> x: block 'x' (lead_only) takes LEAD rows but block 'companies' (to_company) gives COMPANY rows."
        },
        {
            "two sources", Graph([Block("input", "src"), Block("keep", "any"), Block("other", "src")], "input>keep"),
            "other", "Block 'other' (src) is a second source; a workflow has exactly one source block, and every other block must be connected to it."
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusals_name_the_block_and_say_why(string why, WorkflowGraph graph, string blockId, string message)
    {
        var error = Assert.Throws<WorkflowGraphException>(() => Compiler.Compile(graph));

        Assert.True(message == error.Message, $"{why}: {error.Message}");
        Assert.Equal(blockId, error.BlockId);
    }

    private static BlockDefinition Block(string id, string name, string specs = "{}") => new(0, name, name, id, JsonNode.Parse(specs)!.AsObject());

    /// <summary>Blocks numbered in the order given; edges as "from>to;...".</summary>
    private static WorkflowGraph Graph(BlockDefinition[] blocks, string edges) => new(
        [.. blocks.Select((block, index) => block with { SequenceNumber = index + 1 })],
        [.. edges.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(edge => edge.Split('>')).Select(ends => new WorkflowEdge(ends[0], ends[1], null))]);

    private static string[] Describe(CompiledWorkflow compiled) =>
        [.. compiled.Plan.Blocks.Select(block => $"{block.Id}:{compiled.Blocks[block].Name}:{compiled.DataframeTypes[block]}")];

    /// <summary>A block whose typing the test picks; it refuses specs that carry <c>refuse</c>, with that message.</summary>
    private class Stage(string name, string? inputType, string outputType, string schema = "{}") : IBlock
    {
        public string Name => name;

        public string? InputType => inputType;

        public string OutputType => outputType;

        public bool PreservesRowCount => true;

        public decimal CreditsPerRow => 0;

        public JsonObject SpecsSchema { get; } = JsonNode.Parse(schema)!.AsObject();

        public void ValidateSpecs(BlockSpecs specs)
        {
            if (specs.GetString("refuse") is { } reason)
            {
                throw new BlockSpecsException(reason);
            }
        }

        public IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Compiled, never run.");
    }

    /// <summary>A source whose rows are of its <c>dataframe_type</c> spec.</summary>
    private sealed class Source(string name) : Stage(name, null, DataframeTypes.FromSpecs), ISourceBlock
    {
        public bool AcceptsWebhookPayload => true;

        public Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Compiled, never run.");

        public IReadOnlyList<JsonObject>? ScheduledPayload(BlockSpecs specs) => throw new NotSupportedException("Compiled, never run.");

        public Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Compiled, never run.");
    }
}
