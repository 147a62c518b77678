using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Models;

namespace Sixtyfour.Emulator.Api;

/// <summary>Reads create/update bodies, reporting missing or mistyped fields as FastAPI 422 items.</summary>
public static class WorkflowRequestReader
{
    public static CreateWorkflowRequest ReadCreate(JsonObject? body)
    {
        body ??= [];
        Require(body, ["body"], "workflow_name", "workflow_description", "workflow_definition");
        RequireGraph(body["workflow_definition"]!, ["body", "workflow_definition"]);
        return Deserialize<CreateWorkflowRequest>(body);
    }

    public static UpdateWorkflowRequest ReadUpdate(JsonObject? body)
    {
        body ??= [];
        if (body["workflow_definition"] is { } graph)
        {
            RequireGraph(graph, ["body", "workflow_definition"]);
        }

        return Deserialize<UpdateWorkflowRequest>(body);
    }

    private static void RequireGraph(JsonNode graph, JsonNode[] location)
    {
        var graphObject = AsObject(graph, location);
        Require(graphObject, location, "blocks", "edges");
        foreach (var (field, required) in new[] { ("blocks", new[] { "sequence_number", "block_type", "block_name", "specs" }), ("edges", new[] { "from_block_id", "to_block_id" }) })
        {
            JsonNode[] listLocation = [.. location, field];
            if (graphObject[field] is not JsonArray items)
            {
                throw ApiException.Invalid("list_type", "Input should be a valid list", graphObject[field]?.DeepClone(), null, listLocation);
            }

            for (var index = 0; index < items.Count; index++)
            {
                JsonNode[] itemLocation = [.. listLocation, index];
                Require(AsObject(items[index], itemLocation), itemLocation, required);
            }
        }
    }

    private static JsonObject AsObject(JsonNode? node, JsonNode[] location) =>
        node as JsonObject ?? throw ApiException.Invalid("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", node?.DeepClone(), null, location);

    private static void Require(JsonObject node, JsonNode[] location, params string[] fields)
    {
        if (fields.FirstOrDefault(field => node[field] is null) is { } missing)
        {
            throw ApiException.Missing([.. location, missing]);
        }
    }

    private static T Deserialize<T>(JsonObject body)
    {
        try
        {
            return body.Deserialize<T>(WireJson.Options)!;
        }
        catch (JsonException exception)
        {
            throw ApiException.Invalid("value_error", $"Invalid value at {exception.Path}: {exception.Message}", null, null, "body");
        }
    }
}
