using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>qa_agent</c> (any), emulated: answers <c>question</c> (<c>{column}</c> filled from the row) about each
/// row with <c>answer</c> (Yes, No or Unclear) and each of <c>return_fields</c>, derived from a stable
/// hash of the row and the question.
/// </summary>
public sealed class QaAgentBlock : ReturnFieldsBlock
{
    private static readonly string[] Answers = ["Yes", "No", "Unclear"];

    public override string Name => "qa_agent";

    public override decimal CreditsPerRow => 1m;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse($$"""
        {
          "type": "object",
          "properties": {
            "question": { "type": "string", "minLength": 1, "description": "The question to answer about each row." },
            "return_fields": {{ReturnFieldsSchema}}
          },
          "required": ["question"],
          "additionalProperties": false
        }
        """);

    protected override string[] SeedParts(BlockSpecs specs) => [specs.GetString("question") ?? string.Empty];

    protected override Action<JsonObject, string> PrepareExtra(BlockSpecs specs) =>
        (row, seed) => row["answer"] = Emulated.Pick(Answers, seed, "answer");
}
