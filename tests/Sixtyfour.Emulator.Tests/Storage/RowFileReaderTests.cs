using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Storage;

public sealed class RowFileReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sf-reader-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Csv_values_are_strings_and_short_records_are_padded()
    {
        var rows = await ReadAsync("in.csv", "\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n2\r\n");

        Assert.Equal("""{"a":"1","b":"x, \"y\"\nz","c":""}""", rows[0].Compact());
        Assert.Equal("""{"a":"2","b":"","c":""}""", rows[1].Compact());
    }

    [Fact]
    public async Task Json_array_items_keep_their_types()
    {
        var rows = await ReadAsync("in.json", """[{"n":1.5,"b":true,"o":{"x":null}},{"s":"t"}]""");

        Assert.Equal(["""{"n":1.5,"b":true,"o":{"x":null}}""", """{"s":"t"}"""], rows.Select(row => row.ToJsonString()));
    }

    [Fact]
    public async Task Ndjson_skips_blank_lines()
    {
        var rows = await ReadAsync("in.ndjson", "{\"a\":1}\n\n   \n{\"a\":2}");

        Assert.Equal(2, rows.Count);
    }

    [Theory]
    [InlineData("in.json", """{"a":1}""")]
    [InlineData("in.json", """[{"a":1},2]""")]
    [InlineData("in.jsonl", "{\"a\":1}\n[1]\n")]
    [InlineData("in.ndjson", "{\"a\":1}\n{oops\n")]
    [InlineData("in.ndjson", "{\"a\":1,\"a\":2}\n")]
    [InlineData("in.json", """[{"a":1},{"b":1,"b":2}]""")]
    public async Task Malformed_files_throw_InvalidDataException(string name, string content) =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(name, content));

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_text_as_pandas_and_Import_Csv_keep_it()
    {
        var rows = await ReadAsync("in.csv", "place,coords\nPier 39,37°36'37.8\"N 122°23'16.5\"W\n\"Quoted\"tail,5'11\"\n");

        Assert.Equal(["""{"place":"Pier 39","coords":"37°36'37.8\"N 122°23'16.5\"W"}""", """{"place":"Quotedtail","coords":"5'11\""}"""], rows.Select(row => row.Compact()));
    }

    [Fact]
    public async Task A_bom_is_skipped_blank_lines_too_and_any_line_ending_ends_a_record()
    {
        var rows = await ReadAsync("in.csv", "\uFEFFemail,n\r\na@x.example,1\r\n\r\nb@x.example,2\rc@x.example,3\n\n");

        Assert.Equal(["""{"email":"a@x.example","n":"1"}""", """{"email":"b@x.example","n":"2"}""", """{"email":"c@x.example","n":"3"}"""], rows.Select(row => row.Compact()));
    }

    [Fact]
    public async Task Ragged_short_rows_are_padded_and_header_names_are_made_unique_as_pandas_does()
    {
        var rows = await ReadAsync("in.csv", "a,,a,b\n1\n1,2,3,4\n,\n");

        Assert.Equal(
            ["""{"a":"1","Unnamed: 1":"","a.1":"","b":""}""", """{"a":"1","Unnamed: 1":"2","a.1":"3","b":"4"}""", """{"a":"","Unnamed: 1":"","a.1":"","b":""}"""],
            rows.Select(row => row.Compact()));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,\"never\nclosed,4\n", "CSV line 3: a quoted field starts there and is never closed.")]
    [InlineData("a,b\n1,2\n\"multi\nline\",2\n3,4,5\n", "CSV line 5 has 3 fields but the header has 2.")]
    public async Task A_file_that_cannot_be_read_names_the_line_and_the_problem(string content, string message)
    {
        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync("in.csv", content));

        Assert.Equal(message, exception.Message);
    }

    private async Task<List<JsonObject>> ReadAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return await RowFileReader.ReadAsync(path, CancellationToken.None).ToListAsync();
    }
}
