using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>Builds workflow definitions for tests: blocks as (id, name, specs), linked by edges.</summary>
public static class Definitions
{
    public static JsonObject Graph(IEnumerable<(string Id, string Name, string Specs)> blocks, params (string From, string To)[] edges) => new()
    {
        ["blocks"] = new JsonArray([.. blocks.Select((block, index) => (JsonNode)new JsonObject
        {
            ["sequence_number"] = index + 1,
            ["block_type"] = block.Name,
            ["block_name"] = block.Name,
            ["block_id"] = block.Id,
            ["specs"] = JsonNode.Parse(block.Specs),
        })]),
        ["edges"] = new JsonArray([.. edges.Select(edge => (JsonNode)new JsonObject { ["from_block_id"] = edge.From, ["to_block_id"] = edge.To })]),
    };

    /// <summary>A linear chain webhook → blocks..., each block fed by the one before.</summary>
    public static JsonObject Chain(params (string Id, string Name, string Specs)[] blocks) => ChainFrom("{}", blocks);

    /// <summary>A chain whose webhook source has <paramref name="sourceSpecs"/>.</summary>
    public static JsonObject ChainFrom(string sourceSpecs, params (string Id, string Name, string Specs)[] blocks)
    {
        (string Id, string Name, string Specs)[] all = [("input", "webhook", sourceSpecs), .. blocks];
        return Graph(all, [.. all.Zip(all.Skip(1), (from, to) => (from.Id, to.Id))]);
    }

    public static JsonObject CreateBody(JsonObject definition, string? id = null, string name = "Test workflow") => new()
    {
        ["workflow_name"] = name,
        ["workflow_description"] = "Made by a test",
        ["workflow_definition"] = definition,
        ["id"] = id,
    };

    /// <summary>Creates a workflow and returns its id.</summary>
    public static async Task<string> CreateWorkflowAsync(this HttpClient client, JsonObject definition)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", CreateBody(definition));
        Assert.True(status == System.Net.HttpStatusCode.OK, $"create failed: {status} {body?.ToJsonString()}");
        return body!["id"]!.GetValue<string>();
    }
}
