using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

public sealed class FilterTests
{
    private static readonly string[] Rows =
    [
        """{"id":1,"status":"OK","size":"250","tags":["a"],"note":"Big Corp"}""",
        """{"id":2,"status":"risky","size":40,"tags":[],"note":""}""",
        """{"id":3,"status":"CATCH_ALL","size":null,"note":"small shop"}""",
    ];

    [Theory]
    [InlineData("""{"column":"status","operator":"equals","value":"ok"}""", new[] { 1 })]
    [InlineData("""{"column":"size","operator":"equals","value":250}""", new[] { 1 })]
    [InlineData("""{"column":"status","operator":"not_equals","value":"OK"}""", new[] { 2, 3 })]
    [InlineData("""{"column":"note","operator":"contains","value":"corp"}""", new[] { 1 })]
    [InlineData("""{"column":"note","operator":"not_contains","value":"corp"}""", new[] { 2, 3 })]
    [InlineData("""{"column":"size","operator":"greater","value":100}""", new[] { 1 })]
    [InlineData("""{"column":"size","operator":"less","value":"100"}""", new[] { 2 })]
    [InlineData("""{"column":"status","operator":"in","value":["OK","CATCH_ALL"]}""", new[] { 1, 3 })]
    [InlineData("""{"column":"status","operator":"not_in","value":["OK","CATCH_ALL"]}""", new[] { 2 })]
    [InlineData("""{"column":"tags","operator":"is_empty"}""", new[] { 2, 3 })]
    [InlineData("""{"column":"note","operator":"is_not_empty"}""", new[] { 1, 3 })]
    [InlineData("""{"column":"note","operator":"matches","value":"^(big|small) "}""", new[] { 3 })]
    [InlineData("""{"column":"missing","operator":"is_empty"}""", new[] { 1, 2, 3 })]
    public async Task Each_operator_selects_the_expected_rows(string filter, int[] expectedIds)
    {
        var rows = await BlockRunner.RunAsync(new FilterBlock(), $$"""{"filters":[{{filter}}]}""", Rows);

        Assert.Equal(expectedIds, rows.Select(row => row["id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("""[{"column":"status","operator":"equals","value":"OK"},{"column":"id","operator":"equals","value":2,"logic":"or"}]""", new[] { 1, 2 })]
    [InlineData("""[{"column":"status","operator":"is_not_empty"},{"column":"id","operator":"greater","value":1,"logic":"and"}]""", new[] { 2, 3 })]
    [InlineData("""[{"column":"id","operator":"equals","value":1},{"column":"id","operator":"equals","value":2,"logic":"or"},{"column":"note","operator":"is_empty"}]""", new[] { 2 })]
    [InlineData("""[]""", new[] { 1, 2, 3 })]
    public async Task Conditions_combine_left_to_right(string filters, int[] expectedIds)
    {
        var rows = await BlockRunner.RunAsync(new FilterBlock(), $$"""{"filters":{{filters}}}""", Rows);

        Assert.Equal(expectedIds, rows.Select(row => row["id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("""{"column":"x","operator":"near"}""")]
    [InlineData("""{"column":"x","operator":"in","value":"OK"}""")]
    [InlineData("""{"column":"x","operator":"matches","value":"(["}""")]
    [InlineData("""{"operator":"equals","value":1}""")]
    [InlineData("""{"column":"x","operator":"equals","logic":"xor"}""")]
    public void Bad_filters_are_rejected_up_front(string filter) =>
        Assert.Throws<BlockSpecsException>(() => new FilterBlock().ValidateSpecs(new BlockSpecs(System.Text.Json.Nodes.JsonNode.Parse($$"""{"filters":[{{filter}}]}""")!.AsObject())));
}
