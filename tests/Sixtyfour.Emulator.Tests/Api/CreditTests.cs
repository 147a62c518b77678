using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Contract;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(ClockedEmulatorCollection.Name)]
public sealed class CreditTests(ClockedEmulatorFixture emulator) : IAsyncLifetime
{
    private HttpClient Client => emulator.Client;

    public Task InitializeAsync() => SetBalanceAsync(ClockedEmulatorFixture.StartingCredits);

    public Task DisposeAsync() => SetBalanceAsync(ClockedEmulatorFixture.StartingCredits);

    [Fact]
    public async Task Check_balance_reports_the_starting_balance()
    {
        var (status, body) = await Client.GetJsonAsync("/check-balance");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"credits":1000}""", body!.ToJsonString());
        ContractSchemas.AssertMatches("CheckBalanceResponse", body);
    }

    [Fact]
    public async Task A_run_draws_its_blocks_per_row_prices()
    {
        // Enrich Leads: find_email (1) + verify_email (0.5) per row, two rows.
        var jobId = await Client.StartWebhookRunAsync(new JsonArray(Lead("a"), Lead("b")));
        await Client.WaitForEndAsync(jobId);
        var (_, runs) = await Client.GetJsonAsync($"/workflows/runs?workflow_id={ApiClient.EnrichLeads}&limit=1");

        Assert.Equal(997m, await BalanceAsync());
        Assert.Equal(3m, runs![0]!["metrics"]!["credits_used"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_run_the_balance_cannot_cover_is_402_before_it_starts()
    {
        await SetBalanceAsync(2.5m);
        var (_, before) = await Client.GetJsonAsync("/workflows/runs?limit=500");

        var (status, body) = await Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.EnrichLeads}",
            new JsonObject { ["webhook_payload"] = new JsonArray(Lead("a"), Lead("b")) });
        var (_, after) = await Client.GetJsonAsync("/workflows/runs?limit=500");

        Assert.Equal(HttpStatusCode.PaymentRequired, status);
        Assert.Equal("""{"detail":"Insufficient API credits"}""", body!.ToJsonString());
        ContractSchemas.AssertMatches("ErrorResponse", body);
        Assert.Equal(before!.AsArray().Count, after!.AsArray().Count);
        Assert.Equal(2.5m, await BalanceAsync());
    }

    [Fact]
    public async Task Free_workflows_run_on_an_empty_balance()
    {
        await SetBalanceAsync(0m);
        var workflowId = await Client.CreateWorkflowAsync(Definitions.Chain(("keep", "filter", """{"filters":[]}""")));

        var jobId = await Client.StartWebhookRunAsync(new JsonArray(Lead("a")), workflowId: workflowId);

        Assert.Equal("completed", (await Client.WaitForEndAsync(jobId))["overall_status"]!.GetValue<string>());
        Assert.Equal(0m, await BalanceAsync());
    }

    [Fact]
    public async Task Read_csv_runs_are_priced_by_the_uploaded_rows()
    {
        await SetBalanceAsync(1m);
        var handle = await Client.UploadAsync("three.csv", "email\na@example.com\nb@example.com\nc@example.com\n");

        // Validate Emails: verify_email at 0.5 per row; three rows need 1.5.
        var (status, _) = await Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={ApiClient.ValidateEmails}", ApiClient.ReadCsvBody(handle));
        await SetBalanceAsync(1.5m);
        var jobId = await Client.StartRunAsync(ApiClient.ValidateEmails, ApiClient.ReadCsvBody(handle));
        await Client.WaitForEndAsync(jobId);

        Assert.Equal(HttpStatusCode.PaymentRequired, status);
        Assert.Equal(0m, await BalanceAsync());
    }

    [Fact]
    public async Task The_hook_sets_the_balance_and_reset_restores_the_start()
    {
        var (status, body) = await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/credits", new JsonObject { ["credits"] = 12.5 });
        var (_, read) = await emulator.Anonymous.GetJsonAsync("/_emulator/credits");
        var afterSet = await BalanceAsync();
        await emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/reset");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"credits":12.5}""", body!.ToJsonString());
        Assert.Equal("""{"credits":12.5}""", read!.ToJsonString());
        Assert.Equal(12.5m, afterSet);
        Assert.Equal(ClockedEmulatorFixture.StartingCredits, await BalanceAsync());
    }

    private static JsonObject Lead(string name) => new() { ["first_name"] = name, ["last_name"] = "x", ["company_domain"] = "example.com" };

    private async Task<decimal> BalanceAsync() => (await Client.GetJsonAsync("/check-balance")).Body!["credits"]!.GetValue<decimal>();

    private Task SetBalanceAsync(decimal credits) => emulator.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/credits", new JsonObject { ["credits"] = credits });
}
