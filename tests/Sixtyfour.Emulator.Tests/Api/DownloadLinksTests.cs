using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class DownloadLinksTests(FastEmulatorFixture emulator)
{
    private static readonly string[] ItemFields =
    [
        "filename", "storage_bucket", "file_size", "row_count", "block_number", "created_at", "message",
        "content_type", "download_url", "download_expires_in_seconds", "results",
    ];

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("json", "application/json")]
    [InlineData("ndjson", "application/x-ndjson")]
    public async Task One_link_per_block_in_block_order(string format, string contentType)
    {
        var jobId = await CompletedRunAsync("&result_formats=json&result_formats=ndjson");

        var links = await emulator.Client.DownloadLinksAsync(jobId, format);

        Assert.Equal([1, 2, 3], links.Select(link => link!["block_number"]!.GetValue<int>()));
        foreach (var link in links.Select(link => link!.AsObject()))
        {
            Assert.Equal(ItemFields, link.Select(property => property.Key));
            Assert.EndsWith("." + format, link["filename"]!.GetValue<string>());
            Assert.Equal(contentType, link["content_type"]!.GetValue<string>());
            Assert.Equal(2, link["row_count"]!.GetValue<long>());
            Assert.Equal(900, link["download_expires_in_seconds"]!.GetValue<int>());
            Assert.Equal(2, link["results"]!.AsArray().Count);

            using var response = await emulator.Anonymous.GetAsync(link["download_url"]!.GetValue<string>());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(link["file_size"]!.GetValue<long>(), response.Content.Headers.ContentLength);
            Assert.Equal(link["file_size"]!.GetValue<long>(), bytes.Length);
            Assert.Equal(link["filename"]!.GetValue<string>(), response.Content.Headers.ContentDisposition!.FileName);
        }
    }

    [Fact]
    public async Task Inline_results_are_the_typed_rows()
    {
        var jobId = await CompletedRunAsync();

        var links = await emulator.Client.DownloadLinksAsync(jobId);

        Assert.Equal(
            """{"first_name":"Ada","last_name":"Lovelace","company_domain":"acme.example","age":36,"email":"ada.lovelace@acme.example","email_status":"OK"}""",
            links[^1]!["results"]![0]!.Compact());
    }

    [Fact]
    public async Task Large_outputs_have_no_inline_results()
    {
        var payload = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"n{i}", ["last_name"] = "x" })]);
        var jobId = await emulator.Client.StartWebhookRunAsync(payload);
        await emulator.Client.WaitForEndAsync(jobId);

        var links = await emulator.Client.DownloadLinksAsync(jobId);

        Assert.All(links, link => Assert.Null(link!["results"]));
        Assert.All(links, link => Assert.Equal(101, link!["row_count"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("json", "save_json=true")]
    [InlineData("ndjson", "result_formats=ndjson")]
    public async Task Formats_not_saved_are_400(string format, string hint)
    {
        var jobId = await CompletedRunAsync();

        var (status, body) = await emulator.Client.GetJsonAsync($"/workflows/runs/{jobId}/results/download-links?format={format}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(hint, body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Save_json_alone_produces_json()
    {
        var jobId = await CompletedRunAsync("&save_json=true");

        var json = JsonNode.Parse(await emulator.DownloadLastAsync(jobId, "json"))!.AsArray();

        Assert.Equal(2, json.Count);
    }

    [Fact]
    public async Task A_tampered_link_is_403()
    {
        var url = (await emulator.Client.DownloadLinksAsync(await CompletedRunAsync()))[0]!["download_url"]!.GetValue<string>();

        using var badSignature = await emulator.Anonymous.GetAsync(url[..^4] + "0000");
        using var noSignature = await emulator.Anonymous.GetAsync(url[..url.IndexOf('?')]);
        using var otherFile = await emulator.Anonymous.GetAsync(url.Replace("_block_1_input.csv", "_block_2_emails.csv"));

        Assert.All([badSignature, noSignature, otherFile], response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Contains("signature", await badSignature.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_link_is_403()
    {
        var jobId = await CompletedRunAsync();
        var signer = emulator.Service<DownloadUrlSigner>();
        signer.LifetimeSeconds = -10;
        string url;
        try
        {
            url = (await emulator.Client.DownloadLinksAsync(jobId))[0]!["download_url"]!.GetValue<string>();
        }
        finally
        {
            signer.LifetimeSeconds = DownloadUrlSigner.DefaultLifetimeSeconds;
        }

        using var response = await emulator.Anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Downloads_support_ranges()
    {
        var url = (await emulator.Client.DownloadLinksAsync(await CompletedRunAsync()))[0]!["download_url"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 9);

        using var response = await emulator.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("first_name", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Links_use_the_requests_host()
    {
        var url = new Uri((await emulator.Client.DownloadLinksAsync(await CompletedRunAsync()))[0]!["download_url"]!.GetValue<string>());

        Assert.Equal(emulator.Client.BaseAddress!.Authority, url.Authority);
        Assert.StartsWith("/_storage/", url.AbsolutePath);
    }

    private async Task<string> CompletedRunAsync(string query = "")
    {
        var payload = JsonNode.Parse("""
            [
              {"first_name":"Ada","last_name":"Lovelace","company_domain":"acme.example","age":36},
              {"first_name":"Bob","last_name":"Risky","email":"risky.bob@acme.example"}
            ]
            """)!;
        var jobId = await emulator.Client.StartWebhookRunAsync(payload, query);
        Assert.Equal("completed", (await emulator.Client.WaitForEndAsync(jobId))["overall_status"]!.GetValue<string>());
        return jobId;
    }
}
