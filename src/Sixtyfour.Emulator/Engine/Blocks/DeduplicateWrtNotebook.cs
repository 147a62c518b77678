using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>deduplicate_wrt_notebook</c> (any): drops the rows whose key is already in the notebook
/// <c>notebook_id</c> (id or name) as it was when the block started; the key is the values of
/// <c>columns</c> (default all columns), compared as <c>deduplicate</c> compares them. An unknown
/// notebook holds nothing, so every row passes.
/// </summary>
public sealed class DeduplicateWrtNotebookBlock(NotebookStore notebooks) : RowBlock
{
    public override string Name => "deduplicate_wrt_notebook";

    public override bool PreservesRowCount => false;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "notebook_id": { "type": "string", "minLength": 1, "description": "The notebook to compare with: its id, or (emulator) its name." },
            "columns": { "type": ["array", "string"], "items": { "type": "string" }, "description": "Columns forming the key; default all columns." }
          },
          "required": ["notebook_id"],
          "additionalProperties": false
        }
        """);

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var id = specs.GetString("notebook_id") ?? throw new BlockSpecsException("Spec 'notebook_id' is required.");
        var columns = specs.GetStringList("columns");
        var known = (notebooks.Find(id)?.Rows ?? []).Select(row => DeduplicateBlock.Key(row, columns)).ToHashSet();
        return RowProcessor.Map(row => known.Contains(DeduplicateBlock.Key(row, columns)) ? null : row);
    }
}
