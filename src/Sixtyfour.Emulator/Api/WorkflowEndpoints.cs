using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Api;

/// <summary>Workflow definitions: list, get, create, update (upsert), delete, and the block catalogue.</summary>
public static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        // The list is "lightweight": the same model with workflow_definition null.
        api.MapGet("/workflows", (WorkflowStore workflows) =>
            workflows.List().Select(workflow => ToResponse(workflow) with { WorkflowDefinition = null }));

        api.MapGet("/workflows/{workflow_id}", (string workflow_id, WorkflowStore workflows) =>
            ToResponse(FindWorkflow(workflows, RequestParameters.Uuid("path", "workflow_id", workflow_id))));

        api.MapGet("/workflows/blocks", (BlockRegistry blocks) =>
            blocks.All.Select(block => new BlockInfoResponse(block.Name, DataframeTypes.DescribedSchema(block))));

        api.MapPost("/workflows/create_workflow", CreateAsync);
        api.MapPost("/workflows/update_workflow", UpdateAsync);
        api.MapPost("/workflows/delete_workflow", (HttpRequest request, WorkflowStore workflows) =>
            ToResponse(workflows.Remove(RequestParameters.Uuid("query", "workflow_id", request.Query["workflow_id"].LastOrDefault()))
                ?? throw NotFound()));

        return api;
    }

    public static Workflow FindWorkflow(WorkflowStore workflows, Guid id) => workflows.Find(id) ?? throw NotFound();

    /// <summary>The API's view of a stored workflow (no user or organisation here).</summary>
    public static WorkflowResponse ToResponse(Workflow workflow) => new(
        workflow.Id.ToString("D"), null, null, workflow.Name, workflow.Description, workflow.Status, workflow.Step,
        workflow.CreatedAt, workflow.UpdatedAt, workflow.LastRunDate, WorkflowGraphWire.From(workflow.Definition));

    private static async Task<WorkflowResponse> CreateAsync(HttpRequest request, WorkflowStore workflows, WorkflowCompiler compiler, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = WorkflowRequestReader.ReadCreate(await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken));
        var id = body.Id is null ? Guid.NewGuid() : RequestParameters.Uuid("body", "id", body.Id);
        var definition = body.WorkflowDefinition!.ToGraph();
        Validate(compiler, definition);
        var workflow = WorkflowStore.NewRecord(id, body.WorkflowName!, body.WorkflowDescription, definition, timeProvider.GetUtcNow());
        return workflows.TryAdd(workflow)
            ? ToResponse(workflow)
            : throw ApiException.Detail(StatusCodes.Status409Conflict, $"Workflow with ID {id:D} already exists. Use update endpoint to modify existing workflows.");
    }

    /// <summary>Changes the given fields; creates the workflow when it does not exist (then a definition is required).</summary>
    private static async Task<WorkflowResponse> UpdateAsync(HttpRequest request, WorkflowStore workflows, WorkflowCompiler compiler, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var id = RequestParameters.Uuid("query", "workflow_id", request.Query["workflow_id"].LastOrDefault());
        var body = WorkflowRequestReader.ReadUpdate(await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken));
        var definition = body.WorkflowDefinition?.ToGraph();
        if (definition is not null)
        {
            Validate(compiler, definition);
        }

        var now = timeProvider.GetUtcNow();
        var existing = workflows.Find(id)
            ?? WorkflowStore.NewRecord(
                id,
                "Untitled Workflow",
                null,
                definition ?? throw ApiException.Missing("body", "workflow_definition"),
                now);
        var updated = existing with
        {
            Name = body.WorkflowName ?? existing.Name,
            Description = body.WorkflowDescription ?? existing.Description,
            Definition = definition ?? existing.Definition,
            UpdatedAt = now,
        };
        workflows.Save(updated);
        return ToResponse(updated);
    }

    /// <summary>Rejects definitions that cannot run with a 422 whose <c>loc</c> points at the offending block.</summary>
    private static void Validate(WorkflowCompiler compiler, WorkflowGraph definition)
    {
        try
        {
            compiler.Compile(definition);
        }
        catch (WorkflowGraphException exception)
        {
            var index = definition.Blocks.ToList().FindIndex(block => PlannedBlock.IdOf(block) == exception.BlockId);
            JsonNode[] location = index >= 0 ? ["body", "workflow_definition", "blocks", index] : ["body", "workflow_definition"];
            throw ApiException.Invalid("value_error", exception.Message, null, new JsonObject { ["block_id"] = exception.BlockId }, location);
        }
    }

    private static ApiException NotFound() => ApiException.Detail(StatusCodes.Status404NotFound, "Workflow not found");
}
