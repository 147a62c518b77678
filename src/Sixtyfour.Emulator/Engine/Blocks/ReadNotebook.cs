using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>read_notebook</c> (source): the rows of the notebook <c>notebook_id</c> (an id, or a notebook's
/// name), as they were when the run started. A notebook that does not exist is a 400 at run start.
/// </summary>
public sealed class ReadNotebookBlock(NotebookStore notebooks) : SourceBlock
{
    public override string Name => "read_notebook";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "notebook_id": { "type": "string", "minLength": 1, "description": "The notebook to read: its id, or (emulator) its name." },
            "dataframe_type": { "type": "string", "enum": ["LEAD", "COMPANY"], "default": "LEAD" }
          },
          "required": ["notebook_id"],
          "additionalProperties": false
        }
        """);

    public override Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult(notebooks.Find(specs.GetString("notebook_id")!) is null
            ? $"Notebook '{specs.GetString("notebook_id")}' not found: append_to_notebook creates it."
            : null);

    public override Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult((long)(notebooks.Find(specs.GetString("notebook_id")!)?.Rows.Count ?? 0));

    public override IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken)
    {
        var id = context.Specs.GetString("notebook_id")!;
        var rows = notebooks.Find(id)?.Rows ?? throw new InvalidOperationException($"Notebook '{id}' no longer exists.");
        context.ReportTotalCount(rows.Count);
        return rows.Select(row => row.DeepClone().AsObject()).ToAsyncEnumerable();
    }
}
