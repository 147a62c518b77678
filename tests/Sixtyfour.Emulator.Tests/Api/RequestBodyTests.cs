using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

/// <summary>Bodies the JSON reader would accept but that fail later: they are 422s naming the place, and leave nothing behind.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class RequestBodyTests(FastEmulatorFixture emulator)
{
    [Theory]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.EnrichLeads, """{"webhook_payload":[{"first_name":"Ada","last_name":"\ud800"}]}""", """["body","webhook_payload",0,"last_name"]""")]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.ValidateEmails, """{"specs_override":{"resource_handle_id":"x\udc00"}}""", """["body","specs_override","resource_handle_id"]""")]
    [InlineData("/workflows/create_workflow", """{"workflow_name":"n","workflow_description":"d","workflow_definition":{"blocks":[{"sequence_number":1,"block_type":"webhook","block_name":"webhook","block_id":"in","specs":{"\ud800":1}}],"edges":[]}}""", """["body","workflow_definition","blocks",0,"specs"]""")]
    [InlineData("/schedules", """{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"\ud800","cron_expression":"0 3 * * *"}""", """["body","name"]""")]
    public async Task A_lone_surrogate_is_a_422_at_its_location(string url, string body, string location)
    {
        var runsBefore = RunDirectories();

        var (status, error) = await PostRawAsync(url, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var item = error!["detail"]![0]!;
        Assert.Equal("string_unicode", item["type"]!.GetValue<string>());
        Assert.Equal(location, item["loc"]!.ToJsonString());
        Assert.Equal(runsBefore, RunDirectories());
    }

    [Theory]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.EnrichLeads, """{"webhook_payload":[{"first_name":"Ada","first_name":"Bea","last_name":"x"}]}""", """["body","webhook_payload",0,"first_name"]""")]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.ValidateEmails, """{"specs_override":{"resource_handle_id":"a","resource_handle_id":"b"}}""", """["body","specs_override","resource_handle_id"]""")]
    [InlineData("/workflows/create_workflow", """{"workflow_name":"n","workflow_name":"m","workflow_description":"d","workflow_definition":{"blocks":[],"edges":[]}}""", """["body","workflow_name"]""")]
    [InlineData("/schedules", """{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"a","name":"b","cron_expression":"0 3 * * *"}""", """["body","name"]""")]
    public async Task A_duplicate_key_is_a_422_naming_it(string url, string body, string location)
    {
        var runsBefore = RunDirectories();

        var (status, error) = await PostRawAsync(url, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var item = error!["detail"]![0]!;
        Assert.Equal("json_invalid", item["type"]!.GetValue<string>());
        Assert.Equal($"JSON decode error: duplicate key '{JsonNode.Parse(location)!.AsArray()[^1]}'", item["msg"]!.GetValue<string>());
        Assert.Equal(location, item["loc"]!.ToJsonString());
        Assert.Equal(runsBefore, RunDirectories());
    }

    [Fact]
    public async Task A_JSON_body_over_the_limit_is_a_413()
    {
        var payload = "{\"webhook_payload\":[" + string.Join(',', Enumerable.Repeat("{\"first_name\":\"" + new string('a', 1000) + "\",\"last_name\":\"x\"}", 10_500)) + "]}";

        var (status, error) = await PostRawAsync("/workflows/run?workflow_id=" + ApiClient.EnrichLeads, payload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("""{"detail":"Request body too large: JSON bodies are limited to 10 MB."}""", error!.ToJsonString());
    }

    private string[] RunDirectories() => [.. Directory.EnumerateDirectories(Path.Combine(emulator.Service<DataDirectory>().Root, "runs")).Order()];

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(string url, string body)
    {
        using var response = await emulator.Client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
