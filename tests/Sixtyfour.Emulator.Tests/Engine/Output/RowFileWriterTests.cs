using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Tests.Engine.Output;

public sealed class RowFileWriterTests
{
    private static readonly string[] Columns = ["text", "number", "flag", "nested", "nothing", "absent"];

    private static readonly JsonObject[] Rows =
    [
        JsonNode.Parse("""{"number":1.0,"text":"a, \"b\"\r\nc","flag":true,"nested":{"x":[1,"ü"]},"nothing":null}""")!.AsObject(),
        JsonNode.Parse("""{"text":"","number":-7,"flag":false,"nested":[],"nothing":"Zoë"}""")!.AsObject(),
    ];

    [Fact]
    public async Task Csv_is_RFC_4180_with_a_header_and_no_BOM()
    {
        var bytes = await WriteAsync(ResultFormat.Csv, Columns, Rows);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            "text,number,flag,nested,nothing,absent\r\n"
            + "\"a, \"\"b\"\"\r\nc\",1.0,true,\"{\"\"x\"\":[1,\"\"ü\"\"]}\",,\r\n"
            + ",-7,false,[],Zoë,\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Ndjson_keeps_types_and_puts_keys_in_column_order()
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Ndjson, Columns, Rows));

        Assert.Equal(
            """{"text":"a, \"b\"\r\nc","number":1.0,"flag":true,"nested":{"x":[1,"ü"]},"nothing":null}""" + "\n"
            + """{"text":"","number":-7,"flag":false,"nested":[],"nothing":"Zoë"}""" + "\n",
            text);
    }

    [Fact]
    public async Task Ndjson_escapes_column_names_as_the_writer_escapes_text_whatever_the_key_order()
    {
        // The names are escaped once per column and taken by position: in rows keyed in column order and in
        // rows keyed otherwise or missing a column, each key must still get its own name, relaxed-escaped.
        string[] columns = ["a\"b", "é\n", "plain"];
        JsonObject[] rows =
        [
            new() { ["a\"b"] = 1, ["é\n"] = "x", ["plain"] = null },
            new() { ["plain"] = 2, ["a\"b"] = "y" },
            new() { ["é\n"] = true, ["plain"] = "z", ["a\"b"] = 3 },
        ];

        var text = Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Ndjson, columns, rows));

        Assert.Equal(
            """{"a\"b":1,"é\n":"x","plain":null}""" + "\n"
            + """{"a\"b":"y","plain":2}""" + "\n"
            + """{"a\"b":3,"é\n":true,"plain":"z"}""" + "\n",
            text);
    }

    [Fact]
    public async Task Json_is_one_array()
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Json, Columns, Rows));

        var array = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(2, array.Count);
        Assert.Equal(-7, array[1]!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rows_of_plain_text_are_written_as_the_general_path_writes_them()
    {
        // Rows whose values are all ASCII text without anything JSON escapes or CSV quotes are copied as bytes; any
        // other value sends its row down the general path. Each ASCII character, alone and inside text, and a few
        // beyond, must come out of either path as the JSON serializer and the CSV rules write it.
        string[] columns = ["a", "b"];
        var texts = Enumerable.Range(0, 128).SelectMany(code => new[] { ((char)code).ToString(), $"x{(char)code}y" })
            .Concat(["", " lead", "trail ", " ", "é", "a\u2028b", "😀", "<&>'+`"]);
        var rows = texts.Select(text => new JsonObject { ["a"] = text, ["b"] = "plain" }).ToList();

        var ndjson = Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Ndjson, columns, rows)).Split('\n');
        var csv = Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Csv, columns, rows)).Split("\r\n");

        for (var i = 0; i < rows.Count; i++)
        {
            var text = rows[i]["a"]!.GetValue<string>();
            Assert.Equal(rows[i].ToJsonString(WireJson.Options), ndjson[i]);
            var needsQuotes = text.Length > 0 && (text.IndexOfAny(['"', ',', '\r', '\n']) >= 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
            Assert.Equal((needsQuotes ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text) + ",plain", csv[i + 1]);
        }
    }

    [Fact]
    public async Task A_row_missing_a_column_or_holding_another_type_is_not_taken_for_plain_text()
    {
        string[] columns = ["a", "b"];
        JsonObject[] rows =
        [
            new() { ["a"] = "x" },
            new() { ["b"] = "y", ["a"] = "x" },
            new() { ["a"] = "x", ["b"] = 5 },
            new() { ["a"] = "x", ["b"] = null },
            new() { ["a"] = "x", ["b"] = "y" },
        ];

        Assert.Equal(
            """{"a":"x"}""" + "\n" + """{"a":"x","b":"y"}""" + "\n" + """{"a":"x","b":5}""" + "\n" + """{"a":"x","b":null}""" + "\n" + """{"a":"x","b":"y"}""" + "\n",
            Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Ndjson, columns, rows)));
        Assert.Equal("a,b\r\nx,\r\nx,y\r\nx,5\r\nx,\r\nx,y\r\n", Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Csv, columns, rows)));
    }

    [Fact]
    public async Task A_value_of_another_type_that_JSON_writes_as_a_string_keeps_its_JSON_text()
    {
        // A Guid and a parsed string are strings in JSON without being values made from a string: their JSON text stays.
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        JsonObject[] rows = [new() { ["a"] = JsonValue.Create(id), ["b"] = "x" }, new() { ["a"] = JsonNode.Parse("\"y\""), ["b"] = "x" }];

        Assert.Equal(
            """{"a":"0f8fad5b-d9cb-469f-a165-70867728950e","b":"x"}""" + "\n" + """{"a":"y","b":"x"}""" + "\n",
            Encoding.UTF8.GetString(await WriteAsync(ResultFormat.Ndjson, ["a", "b"], rows)));
    }

    [Theory]
    [InlineData("csv", "")]
    [InlineData("ndjson", "")]
    [InlineData("json", "[]")]
    public async Task No_rows_give_an_empty_file(string format, string expected)
    {
        var bytes = await WriteAsync(ResultFormat.FromName(format)!, [], []);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("\"s\"", "s")]
    [InlineData("null", "")]
    [InlineData("12.50", "12.50")]
    [InlineData("true", "true")]
    [InlineData("[1, {\"a\": null}]", "[1,{\"a\":null}]")]
    public void Csv_cells_render_JSON_values(string json, string expected) =>
        Assert.Equal(expected, CsvCell.Format(JsonNode.Parse(json)));

    private static async Task<byte[]> WriteAsync(ResultFormat format, IReadOnlyList<string> columns, IEnumerable<JsonObject> rows)
    {
        var stream = new MemoryStream();
        await using (var writer = RowFileWriter.Create(format, stream, columns))
        {
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        return stream.ToArray();
    }
}
