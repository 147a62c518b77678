using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed partial class WorkflowEndpointsTests(FastEmulatorFixture emulator)
{
    private static readonly string[] WorkflowFields =
        ["id", "user_uuid", "org_id", "name", "description", "status", "step", "created_at", "updated_at", "last_run_date", "workflow_definition"];

    [Fact]
    public async Task List_returns_the_examples_without_their_graphs()
    {
        var (status, body) = await emulator.Client.GetJsonAsync("/workflows");

        Assert.Equal(HttpStatusCode.OK, status);
        var workflows = body!.AsArray().Select(item => item!.AsObject()).ToList();
        var enrich = workflows.Single(workflow => workflow["id"]!.GetValue<string>() == ApiClient.EnrichLeads);
        Assert.Equal(WorkflowFields, enrich.Select(property => property.Key));
        Assert.Equal("Enrich Leads", enrich["name"]!.GetValue<string>());
        Assert.Equal("Finds a work email for each lead and verifies it", enrich["description"]!.GetValue<string>());
        Assert.Equal("active", enrich["status"]!.GetValue<string>());
        Assert.Equal("completed", enrich["step"]!.GetValue<string>());
        Assert.Matches(UtcTimestamp(), enrich["created_at"]!.GetValue<string>());
        Assert.All(workflows, workflow => Assert.Null(workflow["workflow_definition"]));
        Assert.Contains(workflows, workflow => workflow["id"]!.GetValue<string>() == ApiClient.ValidateEmails && workflow["name"]!.GetValue<string>() == "Validate Emails");
    }

    [Fact]
    public async Task Get_returns_the_block_graph()
    {
        var (status, body) = await emulator.Client.GetJsonAsync($"/workflows/{ApiClient.EnrichLeads}");

        Assert.Equal(HttpStatusCode.OK, status);
        var definition = body!["workflow_definition"]!;
        Assert.Equal(
            ["webhook:input:1", "find_email:emails:2", "verify_email:verify:3"],
            definition["blocks"]!.AsArray().Select(block => $"{block!["block_name"]}:{block["block_id"]}:{block["sequence_number"]}"));
        Assert.All(definition["blocks"]!.AsArray(), block => Assert.Equal(block!["block_name"]!.GetValue<string>(), block["block_type"]!.GetValue<string>()));
        Assert.Equal("PROFESSIONAL", definition["blocks"]![1]!["specs"]!["mode"]!.GetValue<string>());
        Assert.True(definition["blocks"]![0]!["specs"]!["input_schema"]!["first_name"]!["required"]!.GetValue<bool>());
        var edge = definition["edges"]![0]!.AsObject();
        Assert.Equal(["from_block_id", "to_block_id", "condition"], edge.Select(property => property.Key));
        Assert.Equal("input", edge["from_block_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_workflow_is_404()
    {
        var (status, body) = await emulator.Client.GetJsonAsync($"/workflows/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("""{"detail":"Workflow not found"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task Malformed_uuid_is_a_FastAPI_422()
    {
        var (status, body) = await emulator.Client.GetJsonAsync("/workflows/not-a-uuid");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = body!["detail"]![0]!;
        Assert.Equal("""["path","workflow_id"]""", error["loc"]!.ToJsonString());
        Assert.Equal("uuid_parsing", error["type"]!.GetValue<string>());
        Assert.Equal("not-a-uuid", error["input"]!.GetValue<string>());
        Assert.NotNull(error["msg"]);
        Assert.IsType<JsonObject>(error["ctx"]);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex UtcTimestamp();
}
