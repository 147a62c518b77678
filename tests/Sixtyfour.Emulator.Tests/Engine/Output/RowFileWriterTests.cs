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
