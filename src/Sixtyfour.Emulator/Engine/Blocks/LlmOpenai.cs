using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>llm_openai</c> (any), emulated without a model: sets <c>output_column</c> (default <c>llm_output</c>)
/// to <c>[model] prompt → tag</c>, the prompt with its <c>{column}</c> placeholders filled from the row and
/// the tag a stable hash of the row, model and prompt, so equal inputs give equal outputs.
/// </summary>
public sealed class LlmOpenaiBlock : RowBlock
{
    public override string Name => "llm_openai";

    public override decimal CreditsPerRow => 0.5m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "prompt": { "type": "string", "minLength": 1, "description": "Prompt; {column} is replaced by the row's value." },
            "model": { "type": "string", "default": "gpt-4o-mini" },
            "output_column": { "type": "string", "minLength": 1, "default": "llm_output" },
            "temperature": { "type": "number", "default": 0 }
          },
          "required": ["prompt"],
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var prompt = specs.GetString("prompt") ?? throw new BlockSpecsException("Spec 'prompt' is required.");
        var model = specs.GetString("model", "gpt-4o-mini")!;
        var column = specs.GetString("output_column", "llm_output")!;
        return RowProcessor.Map(row =>
        {
            var filled = RowValues.Fill(prompt, row);
            row[column] = $"[{model}] {filled} → {Emulated.Tag(Emulated.Seed(row, model, prompt), "llm")}";
            return row;
        });
    }
}
