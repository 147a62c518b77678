using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class StorageEndpointsTests(FastEmulatorFixture emulator)
{
    [Theory]
    [InlineData("leads.csv", "email,name\r\nok@acme.example,\"Doe, Jane\"\r\nrisky@acme.example,\r\nbroken,x\r\n")]
    [InlineData("leads.json", """[{"email":"ok@acme.example","name":"Doe, Jane"},{"email":"risky@acme.example","name":""},{"email":"broken","name":"x"}]""")]
    [InlineData("leads.ndjson", "{\"email\":\"ok@acme.example\",\"name\":\"Doe, Jane\"}\n\n{\"email\":\"risky@acme.example\",\"name\":\"\"}\n{\"email\":\"broken\",\"name\":\"x\"}\n")]
    [InlineData("leads.jsonl", "{\"email\":\"ok@acme.example\",\"name\":\"Doe, Jane\"}\n{\"email\":\"risky@acme.example\",\"name\":\"\"}\n{\"email\":\"broken\",\"name\":\"x\"}")]
    public async Task Uploaded_files_feed_read_csv_workflows(string fileName, string content)
    {
        var handle = await emulator.Client.UploadAsync(fileName, content);
        Assert.True(Guid.TryParse(handle, out _));

        var jobId = await emulator.Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(3, live["blocks"]![1]!["processed_count"]!.GetValue<long>());
        var csv = await emulator.DownloadLastAsync(jobId, "csv");
        Assert.Equal("email,name,email_status\r\nok@acme.example,\"Doe, Jane\",OK\r\nrisky@acme.example,,RISKY\r\nbroken,x,INVALID\r\n", csv);
    }

    [Fact]
    public async Task Other_file_types_are_rejected_with_the_allowed_list()
    {
        using var form = Form(("file", "leads.xlsx", "x"));

        using var response = await emulator.Client.PostAsync("/storage/csv/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains(".xlsx", detail);
        Assert.Contains(".csv, .json, .jsonl, .ndjson", detail);
    }

    [Fact]
    public async Task Exactly_one_file_part_is_required()
    {
        using var two = Form(("a", "a.csv", "x\n1\n"), ("b", "b.csv", "x\n2\n"));
        using var none = new MultipartFormDataContent { { new StringContent("value"), "field" } };
        using var notMultipart = new StringContent("x\n1\n", Encoding.UTF8, "text/csv");

        foreach (HttpContent content in new HttpContent[] { two, none, notMultipart })
        {
            using var response = await emulator.Client.PostAsync("/storage/csv/upload", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Any_part_name_is_accepted()
    {
        using var form = Form(("upload", "x.csv", "email\na@b.example\n"));

        using var response = await emulator.Client.PostAsync("/storage/csv/upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["handle_id"], JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject().Select(property => property.Key));
    }

    private static MultipartFormDataContent Form(params (string Name, string FileName, string Content)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, fileName, content) in parts)
        {
            form.Add(new StringContent(content), name, fileName);
        }

        return form;
    }
}
