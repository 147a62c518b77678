using System.Net;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class AuthTests(FastEmulatorFixture emulator)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Api_endpoints_need_the_configured_key(string? key)
    {
        foreach (var url in new[] { "/workflows", $"/workflows/{ApiClient.EnrichLeads}", $"/workflows/runs/{Guid.NewGuid()}/live_status" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }

            using var response = await emulator.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("""{"detail":"Invalid API key"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Upload_and_run_need_the_key_too()
    {
        var (runStatus, _) = await emulator.Anonymous.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}");
        using var upload = await emulator.Anonymous.PostAsync("/storage/csv/upload", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.Unauthorized, runStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        var (status, body) = await emulator.Anonymous.GetJsonAsync("/_emulator/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"ok"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_like_FastAPI()
    {
        var (notFound, notFoundBody) = await emulator.Client.GetJsonAsync("/no/such/route");
        var (notAllowed, notAllowedBody) = await emulator.Client.SendAsync(HttpMethod.Delete, "/workflows");
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("Not Found", notFoundBody!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed);
        Assert.Equal("Method Not Allowed", notAllowedBody!["detail"]!.GetValue<string>());
    }
}
