using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Api;

/// <summary>
/// Reads create/update bodies, reporting missing or mistyped fields as FastAPI 422 items. Also enforces
/// the definition limits: block ids name files, so they stay short and plain; and a definition has at most
/// <see cref="MaxBlocks"/> blocks.
/// </summary>
public static partial class WorkflowRequestReader
{
    public const int MaxBlocks = 200;
    public const int MaxBlockIdLength = 64;
    private const string BlockIdPattern = "^[A-Za-z0-9_-]+$";

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

            if (field == "blocks" && items.Count > MaxBlocks)
            {
                throw ApiException.Invalid("too_long", $"List should have at most {MaxBlocks} items after validation, not {items.Count}", null,
                    new JsonObject { ["field_type"] = "List", ["max_length"] = MaxBlocks, ["actual_length"] = items.Count }, listLocation);
            }

            for (var index = 0; index < items.Count; index++)
            {
                JsonNode[] itemLocation = [.. listLocation, index];
                var item = AsObject(items[index], itemLocation);
                Require(item, itemLocation, required);
                if (field == "blocks" && item["block_id"] is { } blockId)
                {
                    CheckBlockId(blockId, [.. itemLocation, "block_id"]);
                }
            }
        }
    }

    private static void CheckBlockId(JsonNode blockId, JsonNode[] location)
    {
        if (blockId.GetValueKind() != JsonValueKind.String)
        {
            throw ApiException.Invalid("string_type", "Input should be a valid string", blockId.DeepClone(), null, location);
        }

        var text = blockId.GetValue<string>();
        if (text.Length > MaxBlockIdLength)
        {
            throw ApiException.Invalid("string_too_long", $"String should have at most {MaxBlockIdLength} characters", text, new JsonObject { ["max_length"] = MaxBlockIdLength }, location);
        }

        if (!BlockIdRegex().IsMatch(text))
        {
            throw ApiException.Invalid("string_pattern_mismatch", $"String should match pattern '{BlockIdPattern}'", text, new JsonObject { ["pattern"] = BlockIdPattern }, location);
        }
    }

    [GeneratedRegex(BlockIdPattern)]
    private static partial Regex BlockIdRegex();

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
