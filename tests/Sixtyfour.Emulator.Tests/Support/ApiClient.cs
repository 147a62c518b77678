using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>Small helpers over <see cref="HttpClient"/> for the emulator's API.</summary>
public static class ApiClient
{
    public const string ValidateEmails = "5f000000-0000-4000-8000-000000000001";
    public const string EnrichLeads = "5f000000-0000-4000-8000-000000000002";

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    /// <summary>Starts a run and returns its job_id; fails the test unless the run was accepted.</summary>
    public static async Task<string> StartRunAsync(this HttpClient client, string workflowId, JsonNode? body, string query = "")
    {
        var (status, response) = await client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={workflowId}{query}", body);
        Assert.True(status == HttpStatusCode.OK, $"run start failed: {status} {response?.ToJsonString()}");
        return response!["job_id"]!.GetValue<string>();
    }

    /// <summary>The run body for a read_csv workflow fed by an upload.</summary>
    public static JsonObject ReadCsvBody(string handleId) => new() { ["specs_override"] = new JsonObject { ["resource_handle_id"] = handleId } };

    /// <summary>One lead the Enrich Leads example can enrich.</summary>
    public static JsonObject Lead() => new() { ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["company_domain"] = "example.com" };

    /// <summary>Runs Enrich Leads on <see cref="Lead"/> to its end; returns the job_id.</summary>
    public static async Task<string> FinishedRunAsync(this HttpClient client)
    {
        var jobId = await client.StartWebhookRunAsync(Lead());
        await client.WaitForEndAsync(jobId);
        return jobId;
    }

    public static Task<string> StartWebhookRunAsync(this HttpClient client, JsonNode payload, string query = "", string workflowId = EnrichLeads) =>
        client.StartRunAsync(workflowId, new JsonObject { ["webhook_payload"] = payload }, query);

    public static async Task<JsonNode> LiveStatusAsync(this HttpClient client, string jobId)
    {
        var (status, body) = await client.GetJsonAsync($"/workflows/runs/{jobId}/live_status");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    /// <summary>Polls live_status until the run ends; returns the last status.</summary>
    public static async Task<JsonNode> WaitForEndAsync(this HttpClient client, string jobId, TimeSpan? timeout = null) =>
        (await client.PollAsync($"/workflows/runs/{jobId}/live_status", live => live!["overall_status"]!.GetValue<string>() is "completed" or "failed" or "cancelled", timeout)).Body!;

    /// <summary>Polls <paramref name="url"/> until it answers 200 with a body <paramref name="done"/> accepts; 404s (a run not known yet) are waited out.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PollAsync(this HttpClient client, string url, Func<JsonNode?, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var (status, body) = await client.GetJsonAsync(url);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {status} {body?.ToJsonString()}");
            if (status == HttpStatusCode.OK && done(body))
            {
                return (status, body);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not get there: {status} {body?.ToJsonString()}");
            await Task.Delay(25);
        }
    }

    public static async Task<JsonArray> DownloadLinksAsync(this HttpClient client, string jobId, string format = "csv")
    {
        var (status, body) = await client.GetJsonAsync($"/workflows/runs/{jobId}/results/download-links?format={format}");
        Assert.True(status == HttpStatusCode.OK, $"download-links failed: {status} {body?.ToJsonString()}");
        return body!.AsArray();
    }

    /// <summary>Uploads <paramref name="content"/> as the single file part and returns the handle_id.</summary>
    public static async Task<string> UploadAsync(this HttpClient client, string fileName, string content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync("/storage/csv/upload", form);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"upload failed: {response.StatusCode} {body?.ToJsonString()}");
        return body!["handle_id"]!.GetValue<string>();
    }

    /// <summary>Runs a workflow to its end and returns the final block's file in <paramref name="format"/>.</summary>
    public static async Task<string> DownloadLastAsync(this EmulatorFixture fixture, string jobId, string format)
    {
        var links = await fixture.Client.DownloadLinksAsync(jobId, format);
        return await fixture.Anonymous.GetStringAsync(links[^1]!["download_url"]!.GetValue<string>());
    }

    /// <summary>Adds a fault rule (<c>POST /_emulator/faults</c>).</summary>
    public static Task<(HttpStatusCode Status, JsonNode? Body)> AddFaultAsync(this EmulatorFixture emulator, string rule) =>
        emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/faults", JsonNode.Parse(rule));

    /// <summary>Removes every fault rule and restores the default link lifetime, for tests that change them.</summary>
    public static async Task RemoveFaultsAndSettingsAsync(this EmulatorFixture emulator)
    {
        await emulator.Anonymous.SendAsync(HttpMethod.Delete, "/_emulator/faults");
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/settings", new JsonObject { ["download_link_lifetime_seconds"] = 900 });
    }

    /// <summary>The journal entries for <paramref name="path"/>, oldest first.</summary>
    public static async Task<List<JsonNode>> JournalAsync(this EmulatorFixture emulator, string path)
    {
        var (_, journal) = await emulator.Anonymous.GetJsonAsync("/_emulator/requests");
        return [.. journal!.AsArray().Where(entry => entry!["path"]!.GetValue<string>() == path).Select(entry => entry!)];
    }

    /// <summary>Submits a Bulk Intelligence job (<paramref name="kind"/> people or company) with one file and a config.</summary>
    public static Task<(HttpStatusCode Status, JsonNode? Body)> SubmitBulkAsync(
        this HttpClient client, string kind, string fileName, string content, string config, string query = "", string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
            { new StringContent(config), "config" },
        };
        return client.PostFormAsync($"/bulk-intelligence/{kind}{query}", form, idempotencyKey);
    }

    /// <summary>Posts <paramref name="content"/> (disposed here), with an <c>Idempotency-Key</c> when given.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostFormAsync(this HttpClient client, string url, HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static IReadOnlyList<JsonObject> ParseNdjson(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    public static string Compact(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
