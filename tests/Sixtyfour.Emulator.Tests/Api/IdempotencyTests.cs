using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class IdempotencyTests(FastEmulatorFixture emulator)
{
    [Fact]
    public async Task A_repeated_key_returns_the_first_run()
    {
        var key = Guid.NewGuid().ToString();

        var first = await StartAsync(key, """{"webhook_payload":{"first_name":"a","last_name":"b"}}""");
        var second = await StartAsync(key, """{"webhook_payload":[{"first_name":"c","last_name":"d"},{"first_name":"e","last_name":"f"}]}""");
        var other = await StartAsync(Guid.NewGuid().ToString(), """{"webhook_payload":{"first_name":"a","last_name":"b"}}""");

        Assert.Null(first["already_started"]);
        Assert.True(second["already_started"]!.GetValue<bool>());
        Assert.Equal(first["job_id"]!.GetValue<string>(), second["job_id"]!.GetValue<string>());
        Assert.NotEqual(first["job_id"]!.GetValue<string>(), other["job_id"]!.GetValue<string>());
        var live = await emulator.Client.WaitForEndAsync(first["job_id"]!.GetValue<string>());
        Assert.Equal(1, live["blocks"]![0]!["total_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_rejected_request_does_not_use_up_its_key()
    {
        var key = Guid.NewGuid().ToString();

        using var rejected = await SendAsync(key, """{"webhook_payload":[{"first_name":"only"}]}""");
        var accepted = await StartAsync(key, """{"webhook_payload":{"first_name":"a","last_name":"b"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Null(accepted["already_started"]);
    }

    private async Task<JsonNode> StartAsync(string key, string body)
    {
        using var response = await SendAsync(key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private Task<HttpResponseMessage> SendAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return emulator.Client.SendAsync(request);
    }
}
