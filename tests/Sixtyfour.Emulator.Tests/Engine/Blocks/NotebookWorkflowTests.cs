using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>append_to_notebook, read_notebook and deduplicate_wrt_notebook sharing notebooks; send_slack_message and hubspot_import recording to the outbox.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class NotebookWorkflowTests(FastEmulatorFixture emulator)
{
    [Fact]
    public async Task Leads_appended_by_one_workflow_are_read_and_deduplicated_against_by_others()
    {
        var name = "Results " + Guid.NewGuid().ToString("N");
        var append = await emulator.Client.CreateWorkflowAsync(AppendDefinition(name));

        await RunToEndAsync(append, """[{"first_name":"Ada","last_name":"Lovelace","company_domain":"analytical.example"}]""");
        await RunToEndAsync(append, """[{"first_name":"Alan","last_name":"Turing","company_domain":"bletchley.example"}]""");

        var notebook = await FindNotebookAsync(name);
        var id = notebook["id"]!.GetValue<string>();
        Assert.Equal(2, notebook["row_count"]!.GetValue<int>());
        var (_, saved) = await emulator.Anonymous.GetJsonAsync($"/_emulator/notebooks/{id}");
        Assert.Equal(
            """[{"first_name":"Ada","last_name":"Lovelace","company_domain":"analytical.example","email":"ada.lovelace@analytical.example"},{"first_name":"Alan","last_name":"Turing","company_domain":"bletchley.example","email":"alan.turing@bletchley.example"}]""",
            saved!["rows"]!.Compact());

        var read = await emulator.Client.CreateWorkflowAsync(Definitions.Graph([("notes", "read_notebook", $$"""{"notebook_id":"{{id}}"}"""), ("verify", "verify_email", "{}")], ("notes", "verify")));
        var readJob = await emulator.Client.StartRunAsync(read, null);
        Assert.Equal("completed", (await emulator.Client.WaitForEndAsync(readJob))["overall_status"]!.GetValue<string>());
        Assert.Equal(
            "first_name,last_name,company_domain,email,email_status\r\nAda,Lovelace,analytical.example,ada.lovelace@analytical.example,OK\r\nAlan,Turing,bletchley.example,alan.turing@bletchley.example,OK\r\n",
            await emulator.DownloadLastAsync(readJob, "csv"));

        var dedupe = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(("emails", "find_email", "{}"), ("new", "deduplicate_wrt_notebook", $$"""{"notebook_id":"{{name}}","columns":["email"]}""")));
        var dedupeJob = await RunToEndAsync(dedupe, """[{"first_name":"Ada","last_name":"Lovelace","company_domain":"analytical.example"},{"first_name":"Grace","last_name":"Hopper","company_domain":"navy.example"}]""");
        Assert.Equal("first_name,last_name,company_domain,email\r\nGrace,Hopper,navy.example,grace.hopper@navy.example\r\n", await emulator.DownloadLastAsync(dedupeJob, "csv"));
    }

    [Fact]
    public async Task Reading_a_notebook_that_does_not_exist_is_a_400_at_run_start()
    {
        var read = await emulator.Client.CreateWorkflowAsync(Definitions.Graph([("notes", "read_notebook", """{"notebook_id":"nb-missing"}""")]));

        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/run?workflow_id={read}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Notebook 'nb-missing' not found: append_to_notebook creates it.", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_new_needs_a_notebook_name()
    {
        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(Definitions.Chain(("save", "append_to_notebook", """{"notebook_id":"__create_new__"}"""))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("Block 'save' (append_to_notebook): Spec 'notebook_name' is required when notebook_id is __create_new__.", body!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_run_appends_nothing()
    {
        var name = "Failing " + Guid.NewGuid().ToString("N");
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(
            ("sum", "group_by", """{"columns":["k"],"aggregations":{"s":{"column":"v","function":"sum"}}}"""),
            ("save", "append_to_notebook", $$"""{"notebook_id":"__create_new__","notebook_name":"{{name}}"}""")));

        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"k":1,"v":"lots"}]""")!, workflowId: id);

        Assert.Equal("failed", (await emulator.Client.WaitForEndAsync(jobId))["overall_status"]!.GetValue<string>());
        var (_, notebooks) = await emulator.Anonymous.GetJsonAsync("/_emulator/notebooks");
        Assert.DoesNotContain(notebooks!.AsArray(), notebook => notebook!["name"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Slack_and_hubspot_record_what_they_would_have_sent()
    {
        var channel = "#leads-" + Guid.NewGuid().ToString("N");
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.Chain(
            ("slack", "send_slack_message", $$"""{"channel":"{{channel}}","message":"New lead: {first_name} {last_name} ({missing})"}"""),
            ("crm", "hubspot_import", """{"field_mapping":{"first_name":"firstname"}}""")));

        var jobId = await RunToEndAsync(id, """[{"first_name":"Ada","last_name":"Lovelace"},{"first_name":"Alan","last_name":"Turing"}]""");

        var (status, slack) = await emulator.Anonymous.GetJsonAsync("/_emulator/outbox?channel=slack");
        var (_, hubspot) = await emulator.Anonymous.GetJsonAsync("/_emulator/outbox?channel=hubspot");
        Assert.Equal(HttpStatusCode.OK, status);
        var sent = slack!.AsArray().Where(message => message!["payload"]!["channel"]!.GetValue<string>() == channel).ToList();
        Assert.Equal(
            [$$"""{"channel":"{{channel}}","text":"New lead: Ada Lovelace ()"}""", $$"""{"channel":"{{channel}}","text":"New lead: Alan Turing ()"}"""],
            sent.Select(message => message!["payload"]!.Compact()));
        Assert.All(sent, message => Assert.Equal((jobId, "slack"), (message!["run_id"]!.GetValue<string>(), message["block_id"]!.GetValue<string>())));
        Assert.Equal(
            ["""{"object_type":"contacts","properties":{"firstname":"Ada","last_name":"Lovelace"}}""", """{"object_type":"contacts","properties":{"firstname":"Alan","last_name":"Turing"}}"""],
            hubspot!.AsArray().Where(message => message!["run_id"]!.GetValue<string>() == jobId).Select(message => message!["payload"]!.Compact()));
    }

    /// <summary>The reference's own example workflow: webhook → find_email → append_to_notebook (__create_new__).</summary>
    internal static JsonObject AppendDefinition(string notebookName) => Definitions.Chain(
        ("emails", "find_email", """{"mode":"PROFESSIONAL"}"""),
        ("save", "append_to_notebook", $$"""{"notebook_id":"__create_new__","notebook_name":"{{notebookName}}"}"""));

    private async Task<string> RunToEndAsync(string workflowId, string payload)
    {
        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse(payload)!, workflowId: workflowId);
        var live = await emulator.Client.WaitForEndAsync(jobId);
        Assert.True(live["overall_status"]!.GetValue<string>() == "completed", live.ToJsonString());
        return jobId;
    }

    private async Task<JsonNode> FindNotebookAsync(string name)
    {
        var (_, notebooks) = await emulator.Anonymous.GetJsonAsync("/_emulator/notebooks");
        return notebooks!.AsArray().Single(notebook => notebook!["name"]!.GetValue<string>() == name)!;
    }
}
