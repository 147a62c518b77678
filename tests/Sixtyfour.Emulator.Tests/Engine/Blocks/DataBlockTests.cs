using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>deduplicate, remove_columns, group_by.</summary>
public sealed class DataBlockTests
{
    [Fact]
    public async Task Deduplicate_on_all_columns_ignores_key_order_but_not_types()
    {
        var rows = await BlockRunner.RunAsync(new DeduplicateBlock(), "{}", """{"a":1,"b":"x"}""", """{"b":"x","a":1}""", """{"a":"1","b":"x"}""", """{"a":1}""");

        Assert.Equal(["""{"a":1,"b":"x"}""", """{"a":"1","b":"x"}""", """{"a":1}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Deduplicate_on_chosen_columns_keeps_the_first_row()
    {
        var rows = await BlockRunner.RunAsync(new DeduplicateBlock(), """{"columns":["email"]}""", """{"email":"a@x","n":1}""", """{"email":"b@x","n":2}""", """{"email":"a@x","n":3}""", """{"n":4}""", """{"n":5}""");

        Assert.Equal([1, 2, 4], rows.Select(row => row["n"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Deduplicate_tells_apart_keys_whose_values_only_move_between_columns_or_are_absent_null_or_empty()
    {
        var rows = await BlockRunner.RunAsync(
            new DeduplicateBlock(),
            """{"columns":["a","b"]}""",
            """{"a":"x","b":"yz","n":1}""",
            """{"a":"xy","b":"z","n":2}""",
            """{"a":"xyz","n":3}""",
            """{"a":"xyz","b":null,"n":4}""",
            """{"a":"xyz","b":"","n":5}""",
            """{"a":"xyz","b":"null","n":6}""",
            """{"a":"x","b":"yz","n":7}""");

        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(row => row["n"]!.GetValue<int>()));
    }

    [Fact]
    public void Deduplicate_keys_values_by_the_JSON_text_a_result_file_would_hold()
    {
        // A value held as a date (a block may make one) is the same key as the string its JSON holds.
        static JsonObject Row(JsonNode? value) => new() { ["v"] = value };
        IReadOnlyList<string> columns = ["v"];

        Assert.Equal(
            DeduplicateBlock.Key(Row("2020-01-02T03:04:05"), columns),
            DeduplicateBlock.Key(Row(JsonValue.Create(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))), columns));
        Assert.NotEqual(DeduplicateBlock.Key(Row("2020-01-02T03:04:05"), columns), DeduplicateBlock.Key(Row("2020-01-02T03:04:05Z"), columns));
    }

    [Fact]
    public async Task Remove_columns_drops_only_the_listed_ones()
    {
        var rows = await BlockRunner.RunAsync(new RemoveColumnsBlock(), """{"columns":["b","nope"]}""", """{"a":1,"b":2,"c":3}""");

        Assert.Equal(["""{"a":1,"c":3}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Group_by_counts_and_aggregates_per_group_in_first_seen_order()
    {
        var rows = await BlockRunner.RunAsync(
            new GroupByBlock(),
            """{"columns":["company"],"aggregations":{"total":{"column":"deals","function":"sum"},"names":{"column":"name","function":"list"},"lead":{"column":"name","function":"first"},"with_deals":{"column":"deals","function":"count"}}}""",
            """{"company":"B","name":"x","deals":2}""",
            """{"company":"A","name":"y","deals":"1.5"}""",
            """{"company":"B","name":"z"}""");

        Assert.Equal(
            [
                """{"company":"B","count":2,"total":2,"names":["x","z"],"lead":"x","with_deals":1}""",
                """{"company":"A","count":1,"total":1.5,"names":["y"],"lead":"y","with_deals":1}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Group_by_sum_of_text_fails() =>
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            BlockRunner.RunAsync(new GroupByBlock(), """{"columns":["k"],"aggregations":{"s":{"column":"v","function":"sum"}}}""", """{"k":1,"v":"lots"}"""));
}
