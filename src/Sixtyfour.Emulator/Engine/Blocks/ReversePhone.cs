using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>reverse_phone</c> (LEAD), emulated: from <c>phone</c> (or <c>phone_column</c>), the person behind
/// it: <c>first_name, last_name, city</c>, made up from the number's digits (so "+1 (555) 010-2030" and
/// "15550102030" give the same person). Existing non-empty columns are kept; a row without digits is unchanged.
/// </summary>
public sealed class ReversePhoneBlock : RowBlock
{
    public override string Name => "reverse_phone";

    public override decimal CreditsPerRow => 1m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "phone_column": { "type": "string", "default": "phone", "description": "Column holding the number to look up." }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var column = specs.GetString("phone_column", "phone")!;
        return RowProcessor.Map(row =>
        {
            var digits = new string(RowValues.Text(row[column]).Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0)
            {
                return row;
            }

            ReverseEmailBlock.Fill(row, "first_name", EmulatedPeople.FirstName(digits, 1));
            ReverseEmailBlock.Fill(row, "last_name", EmulatedPeople.LastName(digits, 1));
            ReverseEmailBlock.Fill(row, "city", Emulated.City(digits));
            return row;
        });
    }
}
