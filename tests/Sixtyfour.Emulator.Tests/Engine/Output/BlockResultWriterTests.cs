using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Tests.Engine.Output;

public sealed class BlockResultWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sf-results-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Streams_rows_to_a_spool_then_writes_every_format_with_the_column_union()
    {
        BlockOutput output;
        await using (var writer = new BlockResultWriter(directory, "block_1_x"))
        {
            await writer.WriteAsync(JsonNode.Parse("""{"b":1,"a":"x"}""")!.AsObject(), CancellationToken.None);
            await writer.WriteAsync(JsonNode.Parse("""{"c":true,"a":"y"}""")!.AsObject(), CancellationToken.None);
            output = await writer.CompleteAsync([ResultFormat.Json], DateTimeOffset.UnixEpoch, CancellationToken.None);
        }

        Assert.Equal(2, output.RowCount);
        Assert.Equal(["block_1_x.json", "block_1_x.csv", "block_1_x.ndjson"], output.Files.Select(file => file.FileName));
        Assert.All(output.Files, file => Assert.Equal(new FileInfo(file.Path).Length, file.Size));
        Assert.Equal("b,a,c\r\n1,x,\r\n,y,true\r\n", await File.ReadAllTextAsync(output.For(ResultFormat.Csv)!.Path));
        Assert.Equal("{\"b\":1,\"a\":\"x\"}\n{\"a\":\"y\",\"c\":true}\n", await File.ReadAllTextAsync(output.RowsPath));
        Assert.Equal("""[{"b":1,"a":"x"},{"a":"y","c":true}]""", await File.ReadAllTextAsync(output.For(ResultFormat.Json)!.Path));
        Assert.DoesNotContain(Directory.EnumerateFiles(directory), path => path.Contains("spool", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_in_column_order_with_stable_columns_need_no_second_pass()
    {
        BlockOutput output;
        await using (var writer = new BlockResultWriter(directory, "block_2_y"))
        {
            await writer.WriteAsync(JsonNode.Parse("""{"a":"x","b":1}""")!.AsObject(), CancellationToken.None);
            await writer.WriteAsync(JsonNode.Parse("""{"a":"y, z"}""")!.AsObject(), CancellationToken.None);
            await writer.WriteAsync(JsonNode.Parse("""{"b":null}""")!.AsObject(), CancellationToken.None);
            output = await writer.CompleteAsync([ResultFormat.Csv], DateTimeOffset.UnixEpoch, CancellationToken.None);
        }

        Assert.Equal(3, output.RowCount);
        Assert.Equal("a,b\r\nx,1\r\n\"y, z\",\r\n,\r\n", await File.ReadAllTextAsync(output.For(ResultFormat.Csv)!.Path));
        Assert.Equal("{\"a\":\"x\",\"b\":1}\n{\"a\":\"y, z\"}\n{\"b\":null}\n", await File.ReadAllTextAsync(output.RowsPath));
        Assert.Equal(["block_2_y.csv", "block_2_y.ndjson"], Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_block_with_no_rows_gets_empty_files()
    {
        BlockOutput output;
        await using (var writer = new BlockResultWriter(directory, "block_3_z"))
        {
            output = await writer.CompleteAsync([ResultFormat.Json], DateTimeOffset.UnixEpoch, CancellationToken.None);
        }

        Assert.Equal(string.Empty, await File.ReadAllTextAsync(output.For(ResultFormat.Csv)!.Path));
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(output.RowsPath));
        Assert.Equal("[]", await File.ReadAllTextAsync(output.For(ResultFormat.Json)!.Path));
    }

    [Fact]
    public async Task A_writer_that_never_completes_leaves_no_files()
    {
        await using (var writer = new BlockResultWriter(directory, "block_4_w"))
        {
            await writer.WriteAsync(JsonNode.Parse("""{"a":1}""")!.AsObject(), CancellationToken.None);
        }

        Assert.Empty(Directory.EnumerateFiles(directory));
    }
}
