using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Hosting;

/// <summary>An emulator of its own: a guard that failed would let these tests reset it.</summary>
internal sealed class GuardedEmulator(params string[] arguments) : EmulatorFixture
{
    protected override IEnumerable<string> ExtraArguments => arguments;
}

public sealed class RequestGuardTests : IAsyncLifetime
{
    private readonly GuardedEmulator emulator = new("--allowed-hosts", "emulator.test");

    public Task InitializeAsync() => emulator.InitializeAsync();

    public Task DisposeAsync() => emulator.DisposeAsync();

    [Fact]
    public async Task A_cross_site_reset_is_refused_and_the_state_stays()
    {
        var workflowId = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}")));
        var origin = emulator.Anonymous.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var foreign = await SendAsync(HttpMethod.Post, "/_emulator/reset", "{}", "text/plain", ("Origin", "http://attacker.example"));
        var textPlain = await SendAsync(HttpMethod.Post, "/_emulator/reset", "{}", "text/plain");
        var sameSite = await SendAsync(HttpMethod.Post, "/_emulator/credits", """{"credits":1}""", "application/json", ("Sec-Fetch-Site", "same-site"));
        var crossSiteGet = await SendAsync(HttpMethod.Get, "/_emulator/requests", null, null, ("Sec-Fetch-Site", "cross-site"));
        var crossSiteApi = await SendAsync(HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={workflowId}", null, null, ("Origin", "http://localhost:1"), ("x-api-key", EmulatorFixture.ApiKey));
        var (workflowStatus, _) = await emulator.Client.GetJsonAsync($"/workflows/{workflowId}");
        var (_, balance) = await emulator.Client.GetJsonAsync("/check-balance");

        Assert.Equal((HttpStatusCode.Forbidden, """{"detail":"Cross-site requests are refused (Origin: http://attacker.example)."}"""), foreign);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, """{"detail":"Test hooks take application/json bodies, not 'text/plain'."}"""), textPlain);
        Assert.Equal((HttpStatusCode.Forbidden, """{"detail":"Cross-site requests are refused (Sec-Fetch-Site: same-site)."}"""), sameSite);
        Assert.Equal(HttpStatusCode.Forbidden, crossSiteGet.Status);
        Assert.Equal((HttpStatusCode.Forbidden, """{"detail":"Cross-site requests are refused (Origin: http://localhost:1)."}"""), crossSiteApi);
        Assert.Equal(HttpStatusCode.OK, workflowStatus);
        Assert.Equal(1_000_000m, balance!["credits"]!.GetValue<decimal>());

        // What stays allowed: JSON bodies, body-less posts, and the emulator's own origin (a console it serves).
        var json = await SendAsync(HttpMethod.Post, "/_emulator/credits", """{"credits":5}""", "application/json; charset=utf-8", ("Origin", origin), ("Sec-Fetch-Site", "same-origin"));
        var reset = await SendAsync(HttpMethod.Post, "/_emulator/reset", null, null);
        var (afterReset, _) = await emulator.Client.GetJsonAsync($"/workflows/{workflowId}");
        Assert.Equal((HttpStatusCode.OK, """{"credits":5}"""), json);
        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(HttpStatusCode.NotFound, afterReset);
    }

    [Theory]
    [InlineData("/workflows")]
    [InlineData("/_emulator/faults")]
    [InlineData("/_emulator/health")]
    [InlineData("/")]
    public async Task A_foreign_Host_is_refused_on_every_path(string path)
    {
        var refused = await SendAsync(HttpMethod.Get, path, null, null, ("Host", "attacker.example"), ("x-api-key", EmulatorFixture.ApiKey));
        var withPort = await SendAsync(HttpMethod.Get, path, null, null, ("Host", "attacker.example:6464"), ("x-api-key", EmulatorFixture.ApiKey));

        var message = """{"detail":"Host 'attacker.example' is not allowed: the emulator answers requests addressed to localhost, 127.x, [::1] or its listen addresses; name others with --allowed-hosts."}""";
        Assert.Equal(((HttpStatusCode)421, message), refused);
        Assert.Equal((HttpStatusCode)421, withPort.Status);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3:80")]
    [InlineData("[::1]:6464")]
    [InlineData("emulator.test:6464")]
    public async Task Loopback_names_and_allowed_hosts_are_answered(string host)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/check-balance", null, null, ("Host", host), ("x-api-key", EmulatorFixture.ApiKey));

        Assert.Equal((HttpStatusCode.OK, """{"credits":1000000}"""), (status, body));
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await emulator.Anonymous.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
