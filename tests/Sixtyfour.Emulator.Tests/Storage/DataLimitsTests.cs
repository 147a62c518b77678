using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Storage;

/// <summary>Small inputs that would cost a lot: refused when uploaded, or stopped as soon as a run meets them.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class DataLimitsTests(FastEmulatorFixture emulator)
{
    private string Root => emulator.Service<DataDirectory>().Root;

    [Fact]
    public async Task A_column_bomb_CSV_is_refused_at_upload_and_nothing_is_stored()
    {
        // The probe's file: a 100,000-column header and short rows, 0.69 MB that once wrote 248 MB.
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}"))).Append('\n');
        for (var row = 0; row < 5_000; row++)
        {
            csv.Append("1,2\n");
        }

        var sizeBefore = DirectorySize(Root);
        var (status, error) = await UploadAsync("bomb.csv", csv.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(
            """{"detail":[{"loc":["body","file"],"msg":"The header has more than 1000 columns; at most 1000 are allowed.","type":"value_error","input":null,"ctx":{}}]}""",
            error!.ToJsonString());
        Assert.Equal(sizeBefore, DirectorySize(Root));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, "uploads"), "partial-*"));
    }

    [Theory]
    [InlineData("long.ndjson", "Line 2 is longer than 1048576 bytes (1 MB), the limit for one line.")]
    [InlineData("long.csv", "Record 2 is longer than 1048576 bytes (1 MB), the limit for one record.")]
    public async Task A_line_over_1_MB_is_refused_at_upload(string fileName, string message)
    {
        var content = fileName.EndsWith(".csv", StringComparison.Ordinal)
            ? $"a,b\n\"{new string('x', 600_000)}\n{new string('y', 600_000)}\",1\n"
            : $"{{\"a\":1}}\n{{\"a\":\"{new string('x', DataLimits.MaxLineBytes)}\"}}\n";

        var (status, error) = await UploadAsync(fileName, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(message, error!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_item_of_a_json_upload_over_1_MB_is_refused_at_upload_and_braces_in_strings_do_not_fool_the_count()
    {
        var small = $"[{{\"a\":\"}} ] {{ [ \\\" \"}},{{\"b\":[1,{{\"c\":2}}]}}]";
        var (okStatus, _) = await UploadAsync("small.json", small);
        Assert.Equal(HttpStatusCode.OK, okStatus);

        var (status, error) = await UploadAsync("long.json", $"[{{\"a\":1}},{{\"a\":\"{new string('x', DataLimits.MaxLineBytes)}\"}}]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Item 2 is longer than 1048576 bytes (1 MB), the limit for one row.", error!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rows_with_more_than_1000_columns_fail_the_run_at_once_and_its_disk_use_stays_small()
    {
        // Under the 1 MB a .json item may take, so the upload is stored; the 2,000 columns are met by the run.
        var wide = new JsonObject();
        for (var i = 0; i < 2_000; i++)
        {
            wide[$"c{i}"] = string.Empty;
        }

        var rows = new JsonArray(wide);
        for (var i = 0; i < 5_000; i++)
        {
            rows.Add(new JsonObject { ["c0"] = "1" });
        }

        var handle = await emulator.Client.UploadAsync("bomb.json", rows.ToJsonString());
        var workflowId = await emulator.Client.CreateWorkflowAsync(Definitions.Graph([("input", "read_csv", "{}"), ("keep", "remove_columns", """{"columns":["nothing"]}""")], ("input", "keep")));
        var jobId = await emulator.Client.StartRunAsync(workflowId, ApiClient.ReadCsvBody(handle));
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("failed", live["overall_status"]!.GetValue<string>());
        Assert.Equal("The rows have more than 1000 columns; at most 1000 are allowed.", live["blocks"]![0]!["error_message"]!.GetValue<string>());
        Assert.InRange(DirectorySize(Path.Combine(Root, "runs", jobId)), 0, 64 * 1024);
    }

    private static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(string fileName, string content)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName } };
        return await emulator.Client.PostFormAsync("/storage/csv/upload", form);
    }
}
