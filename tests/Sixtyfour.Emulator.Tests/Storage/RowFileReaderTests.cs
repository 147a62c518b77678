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
    public async Task Malformed_files_throw_InvalidDataException(string name, string content) =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(name, content));

    private async Task<List<JsonObject>> ReadAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return await RowFileReader.ReadAsync(path, CancellationToken.None).ToListAsync();
    }
}
