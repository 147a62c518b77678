using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>append_to_notebook</c> (any): rows pass through unchanged; once they all have, they are appended
/// to the notebook <c>notebook_id</c>, or with <c>__create_new__</c> to the notebook called
/// <c>notebook_name</c> (created by the first run, reused by later ones). A failed run appends nothing.
/// </summary>
public sealed class AppendToNotebookBlock(NotebookStore notebooks) : PassThroughBlock
{
    public override string Name => "append_to_notebook";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "notebook_id": { "type": "string", "minLength": 1, "description": "The notebook to append to, or __create_new__ for the one called notebook_name." },
            "notebook_name": { "type": "string", "minLength": 1, "description": "Name of the notebook __create_new__ makes (or reuses)." }
          },
          "required": ["notebook_id"],
          "additionalProperties": false
        }
        """);

    protected override void CheckSpecs(BlockSpecs specs) => Target(specs);

    public override async Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken)
    {
        var (id, name) = Target(finish.Specs);
        var rows = await PassedRows(finish, cancellationToken).ToListAsync(cancellationToken);
        notebooks.Append(id, name, rows);
    }

    private static (string Id, string? Name) Target(BlockSpecs specs)
    {
        var id = specs.GetString("notebook_id") ?? throw new BlockSpecsException("Spec 'notebook_id' is required.");
        var name = specs.GetString("notebook_name");
        return id == NotebookStore.CreateNew && string.IsNullOrWhiteSpace(name)
            ? throw new BlockSpecsException($"Spec 'notebook_name' is required when notebook_id is {NotebookStore.CreateNew}.")
            : (id, name);
    }
}
