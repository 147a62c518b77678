using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class WorkflowManagementTests(FastEmulatorFixture emulator)
{
    private static JsonObject Simple => Definitions.Chain(("verify", "verify_email", "{}"));

    [Fact]
    public async Task Create_with_an_id_then_get_it_and_a_second_create_is_409()
    {
        var id = Guid.NewGuid().ToString();

        var (status, created) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(Simple, id, "Mine"));
        var (_, fetched) = await emulator.Client.GetJsonAsync($"/workflows/{id}");
        var (conflict, conflictBody) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(Simple, id));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, created!["id"]!.GetValue<string>());
        Assert.Equal("Mine", fetched!["name"]!.GetValue<string>());
        Assert.Equal("Made by a test", fetched["description"]!.GetValue<string>());
        Assert.Equal("active", fetched["status"]!.GetValue<string>());
        Assert.Equal(2, fetched["workflow_definition"]!["blocks"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal($"Workflow with ID {id} already exists. Use update endpoint to modify existing workflows.", conflictBody!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_without_an_id_mints_one()
    {
        var id = await emulator.Client.CreateWorkflowAsync(Simple);

        Assert.True(Guid.TryParse(id, out _));
    }

    [Fact]
    public async Task The_definition_comes_back_as_it_was_sent()
    {
        // No block_id (the engine calls it block_1), a block_type that is not the block_name, and an edge condition:
        // the engine does not use the last two, but the API keeps them.
        var definition = JsonNode.Parse("""
            {"blocks":[{"sequence_number":1,"block_type":"source","block_name":"webhook","block_id":null,"specs":{}},{"sequence_number":2,"block_type":"enrich","block_name":"verify_email","block_id":"verify","specs":{"email_column":"mail"}}],"edges":[{"from_block_id":"block_1","to_block_id":"verify","condition":"reserved"}]}
            """)!.AsObject();

        var (status, created) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));
        var (_, fetched) = await emulator.Client.GetJsonAsync($"/workflows/{created!["id"]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(definition.ToJsonString(), created["workflow_definition"]!.ToJsonString());
        Assert.Equal(definition.ToJsonString(), fetched!["workflow_definition"]!.ToJsonString());
    }

    [Theory]
    [InlineData("workflow_name", """["body","workflow_name"]""")]
    [InlineData("workflow_definition", """["body","workflow_definition"]""")]
    public async Task Create_needs_its_required_fields(string removed, string location)
    {
        var body = Definitions.CreateBody(Simple);
        body.Remove(removed);

        var (status, response) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("missing", response!["detail"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(location, response["detail"]![0]!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_changes_only_what_it_is_given()
    {
        var id = await emulator.Client.CreateWorkflowAsync(Simple);
        var (_, before) = await emulator.Client.GetJsonAsync($"/workflows/{id}");
        await Task.Delay(5);

        var (status, updated) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={id}", new JsonObject { ["workflow_name"] = "Renamed" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Renamed", updated!["name"]!.GetValue<string>());
        Assert.Equal("Made by a test", updated["description"]!.GetValue<string>());
        Assert.Equal(before!["created_at"]!.GetValue<string>(), updated["created_at"]!.GetValue<string>());
        Assert.NotEqual(before["updated_at"]!.GetValue<string>(), updated["updated_at"]!.GetValue<string>());
        Assert.Equal(before["workflow_definition"]!.ToJsonString(), updated["workflow_definition"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_creates_a_missing_workflow()
    {
        var id = Guid.NewGuid().ToString();

        var (status, created) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={id}", new JsonObject { ["workflow_definition"] = Simple });
        var (withoutDefinition, _) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={Guid.NewGuid()}", new JsonObject { ["workflow_name"] = "x" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, created!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutDefinition);
    }

    [Fact]
    public async Task Delete_returns_the_workflow_and_keeps_its_runs()
    {
        var id = await emulator.Client.CreateWorkflowAsync(Simple);
        var jobId = await emulator.Client.StartWebhookRunAsync(new JsonObject { ["email"] = "a@b.example" }, workflowId: id);
        await emulator.Client.WaitForEndAsync(jobId);

        var (status, deleted) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={id}");
        var (gone, _) = await emulator.Client.GetJsonAsync($"/workflows/{id}");
        var (again, _) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/delete_workflow?workflow_id={id}");
        var (_, runs) = await emulator.Client.GetJsonAsync("/workflows/runs?limit=500");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, deleted!["id"]!.GetValue<string>());
        Assert.NotNull(deleted["workflow_definition"]);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Contains(runs!.AsArray(), run => run!["job_id"]!.GetValue<string>() == jobId);
        Assert.Equal("completed", (await emulator.Client.LiveStatusAsync(jobId))["overall_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blocks_lists_every_block_with_a_schema()
    {
        var (status, body) = await emulator.Client.GetJsonAsync("/workflows/blocks");

        Assert.Equal(HttpStatusCode.OK, status);
        var blocks = body!.AsArray().ToDictionary(block => block!["block_name"]!.GetValue<string>(), block => block!["specs_schema"]!);
        Assert.Subset(blocks.Keys.ToHashSet(), new HashSet<string> { "webhook", "read_csv", "find_email", "verify_email" });
        Assert.All(blocks.Values, schema => Assert.Equal("object", schema["type"]!.GetValue<string>()));
        Assert.Equal("""["PROFESSIONAL","PERSONAL"]""", blocks["find_email"]["properties"]!["mode"]!["enum"]!.ToJsonString());
    }

    public static TheoryData<string, JsonObject, string, string> InvalidDefinitions => new()
    {
        { "unknown block", Definitions.Chain(("x", "make_coffee", "{}")), "x", "unknown block_name 'make_coffee'" },
        { "unknown spec", Definitions.Chain(("emails", "find_email", """{"mood":"happy"}""")), "emails", "unknown spec field 'mood'" },
        { "bad enum", Definitions.Chain(("emails", "find_email", """{"mode":"WORK"}""")), "emails", "spec 'mode' must be one of" },
        { "bad type", Definitions.Chain(("verify", "verify_email", """{"email_column":5}""")), "verify", "must be of type string" },
        {
            "cycle",
            Definitions.Graph([("input", "webhook", "{}"), ("a", "verify_email", "{}"), ("b", "verify_email", "{}")], ("input", "a"), ("a", "b"), ("b", "a")),
            "a", "cycle"
        },
        { "disconnected", Definitions.Graph([("input", "webhook", "{}"), ("lonely", "verify_email", "{}")]), "lonely", "not connected" },
        { "unknown edge target", Definitions.Graph([("input", "webhook", "{}")], ("input", "ghost")), "ghost", "unknown block 'ghost'" },
        { "two sources", Definitions.Graph([("input", "webhook", "{}"), ("other", "webhook", "{}")]), "other", "second source" },
        { "source with a parent", Definitions.Graph([("input", "webhook", "{}"), ("again", "webhook", "{}")], ("input", "again")), "again", "source block" },
        { "type mismatch", Definitions.Graph([("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("emails", "find_email", "{}")], ("input", "emails")), "emails", "takes LEAD rows" },
        { "no blocks", Definitions.Graph([]), "", "no blocks" },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task Invalid_definitions_are_422_naming_the_block(string why, JsonObject definition, string blockId, string message)
    {
        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));
        var (updateStatus, _) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={ApiClient.EnrichLeads}", new JsonObject { ["workflow_definition"] = definition.DeepClone() });

        Assert.True(status == HttpStatusCode.UnprocessableEntity, why);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, updateStatus);
        var error = body!["detail"]![0]!;
        Assert.Contains(message, error["msg"]!.GetValue<string>());
        Assert.Equal(blockId.Length == 0 ? null : blockId, error["ctx"]!["block_id"]?.GetValue<string>());
        Assert.Equal("workflow_definition", error["loc"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task A_block_with_two_parents_gets_their_rows_one_after_the_other()
    {
        // input feeds "emails" and "check"; "final" reads both: emails' rows, then check's (sequence order).
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.Graph(
            [("input", "webhook", "{}"), ("emails", "find_email", "{}"), ("check", "verify_email", "{}"), ("final", "verify_email", "{}")],
            ("input", "emails"), ("input", "check"), ("emails", "final"), ("check", "final")));
        const int rows = 300; // several times the per-edge buffer, so a blocking design would deadlock
        var payload = new JsonArray([.. Enumerable.Range(0, rows).Select(i => (JsonNode)new JsonObject { ["first_name"] = $"p{i}", ["last_name"] = "x", ["domain"] = "d.example" })]);

        var jobId = await emulator.Client.StartWebhookRunAsync(payload, "&result_formats=ndjson", id);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        var final = live["blocks"]!.AsArray().Single(block => block!["block_id"]!.GetValue<string>() == "final")!;
        Assert.Equal("""["emails","check"]""", final["previous_block_ids"]!.ToJsonString());
        Assert.Equal(2 * rows, final["metrics"]!["row_count"]!.GetValue<long>());
        var output = ApiClient.ParseNdjson(await emulator.DownloadLastAsync(jobId, "ndjson"));
        Assert.Equal("p0.x@d.example", output[0]["email"]!.GetValue<string>());
        Assert.Equal("OK", output[0]["email_status"]!.GetValue<string>());
        Assert.Null(output[rows]["email"]);
        Assert.Equal("INVALID", output[rows]["email_status"]!.GetValue<string>());
    }
}
