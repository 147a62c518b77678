using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Catalog;

/// <summary>The workflow definitions, in memory (saved through <see cref="Changed"/> when a data directory is kept); seeded with the example workflows.</summary>
public sealed class WorkflowStore
{
    public const string ActiveStatus = "active";
    public const string CompletedStep = "completed";

    private readonly ConcurrentDictionary<Guid, Workflow> workflows = new();

    /// <summary>Raised after every change with the workflow's id, so that entry can be saved (or its file deleted).</summary>
    public event Action<Guid>? Changed;

    /// <summary>All workflows, oldest first (ties by id).</summary>
    public IReadOnlyList<Workflow> List() =>
        [.. workflows.Values.OrderBy(workflow => workflow.CreatedAt).ThenBy(workflow => workflow.Id.ToString("D"), StringComparer.Ordinal)];

    public Workflow? Find(Guid id) => workflows.GetValueOrDefault(id);

    public bool TryAdd(Workflow workflow) => Changing(workflow.Id, workflows.TryAdd(workflow.Id, workflow));

    public void Save(Workflow workflow)
    {
        workflows[workflow.Id] = workflow;
        Changed?.Invoke(workflow.Id);
    }

    public Workflow? Remove(Guid id) => Changing(id, workflows.TryRemove(id, out var removed)) ? removed : null;

    public void Clear()
    {
        foreach (var id in workflows.Keys)
        {
            Remove(id);
        }
    }

    /// <summary>Puts saved workflows back, without raising <see cref="Changed"/>.</summary>
    public void Restore(IEnumerable<Workflow> saved)
    {
        foreach (var workflow in saved)
        {
            workflows[workflow.Id] = workflow;
        }
    }

    /// <summary>Sets <c>last_run_date</c>; runs of workflows that are not stored (bulk jobs) change nothing.</summary>
    public void RecordRun(Guid id, DateTimeOffset runAt)
    {
        while (workflows.TryGetValue(id, out var workflow))
        {
            if (workflows.TryUpdate(id, workflow with { LastRunDate = runAt }, workflow))
            {
                Changed?.Invoke(id);
                return;
            }
        }
    }

    private bool Changing(Guid id, bool changed)
    {
        if (changed)
        {
            Changed?.Invoke(id);
        }

        return changed;
    }

    /// <summary>A new workflow record as create_workflow (or an example file) describes it.</summary>
    public static Workflow NewRecord(Guid id, string name, string? description, WorkflowGraph definition, DateTimeOffset now) =>
        new(id, name, description, ActiveStatus, CompletedStep, now, now, null, definition);

    /// <summary>Loads every <c>*.json</c> in <paramref name="directory"/>; each is a create_workflow body with an <c>id</c>.</summary>
    public void LoadExamples(string directory, DateTimeOffset now)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var example = JsonSerializer.Deserialize<ExampleFile>(File.ReadAllText(path), WireJson.Options)
                ?? throw new InvalidDataException($"{path} is empty.");
            if (!Guid.TryParse(example.Id, out var id) || example.WorkflowName is null || example.WorkflowDefinition is null)
            {
                throw new InvalidDataException($"{path} needs id (a UUID), workflow_name and workflow_definition.");
            }

            Save(NewRecord(id, example.WorkflowName, example.WorkflowDescription, example.WorkflowDefinition, now));
        }
    }

    /// <summary>An example file: the fields of a create_workflow body this store needs, the graph in its saved form (the same names).</summary>
    private sealed record ExampleFile(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("workflow_name")] string? WorkflowName,
        [property: JsonPropertyName("workflow_description")] string? WorkflowDescription,
        [property: JsonPropertyName("workflow_definition")] WorkflowGraph? WorkflowDefinition);
}
