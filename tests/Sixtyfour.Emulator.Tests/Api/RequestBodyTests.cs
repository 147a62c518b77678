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
    [InlineData("/workflows/run?workflow_id=" + ApiClient.EnrichLeads, """{"webhook_payload":[{"first_name":"Ada","last_name":"\ud800"}]}""", "string_unicode", """["body","webhook_payload",0,"last_name"]""")]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.ValidateEmails, """{"specs_override":{"resource_handle_id":"x\udc00"}}""", "string_unicode", """["body","specs_override","resource_handle_id"]""")]
    [InlineData("/workflows/create_workflow", """{"workflow_name":"n","workflow_description":"d","workflow_definition":{"blocks":[{"sequence_number":1,"block_type":"webhook","block_name":"webhook","block_id":"in","specs":{"\ud800":1}}],"edges":[]}}""", "string_unicode", """["body","workflow_definition","blocks",0,"specs"]""")]
    [InlineData("/schedules", """{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"\ud800","cron_expression":"0 3 * * *"}""", "string_unicode", """["body","name"]""")]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.EnrichLeads, """{"webhook_payload":[{"first_name":"Ada","first_name":"Bea","last_name":"x"}]}""", "json_invalid", """["body","webhook_payload",0,"first_name"]""")]
    [InlineData("/workflows/run?workflow_id=" + ApiClient.ValidateEmails, """{"specs_override":{"resource_handle_id":"a","resource_handle_id":"b"}}""", "json_invalid", """["body","specs_override","resource_handle_id"]""")]
    [InlineData("/workflows/create_workflow", """{"workflow_name":"n","workflow_name":"m","workflow_description":"d","workflow_definition":{"blocks":[],"edges":[]}}""", "json_invalid", """["body","workflow_name"]""")]
    [InlineData("/schedules", """{"workflow_id":"5f000000-0000-4000-8000-000000000002","name":"a","name":"b","cron_expression":"0 3 * * *"}""", "json_invalid", """["body","name"]""")]
    public async Task A_lone_surrogate_or_a_duplicate_key_is_a_422_at_its_location_and_nothing_is_stored(string url, string body, string type, string location)
    {
        var runsBefore = RunDirectories();

        var (status, error) = await PostRawAsync(url, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var item = error!["detail"]![0]!;
        Assert.Equal(type, item["type"]!.GetValue<string>());
        Assert.Equal(location, item["loc"]!.ToJsonString());
        Assert.Equal(type == "json_invalid" ? $"JSON decode error: duplicate key '{JsonNode.Parse(location)!.AsArray()[^1]}'" : "Input should be a valid string, unable to parse raw data as a unicode string", item["msg"]!.GetValue<string>());
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
