using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>find_phone</c> (LEAD), emulated: a non-empty <c>phone</c> is kept; otherwise, for a row with
/// <c>first_name</c> and <c>last_name</c>, <c>phone</c> is <c>+1 555-XXX-XXXX</c> derived from a stable
/// hash of the names and domain; otherwise "". The column is appended or updated in place.
/// </summary>
public sealed class FindPhoneBlock : RowBlock
{
    public override string Name => "find_phone";

    public override decimal CreditsPerRow => 3m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        { "type": "object", "properties": {}, "additionalProperties": false }
        """);

    protected override bool IsEmulatedEnrichment => true;

    public static string FindPhone(JsonObject row)
    {
        if (RowValues.NonEmptyString(row, "phone") is { } existing)
        {
            return existing;
        }

        if (RowValues.NonEmptyString(row, "first_name") is not { } first || RowValues.NonEmptyString(row, "last_name") is not { } last)
        {
            return string.Empty;
        }

        var number = RowValues.StableHash(first.Trim().ToLowerInvariant(), last.Trim().ToLowerInvariant(), RowValues.Domain(row) ?? string.Empty) % 10_000_000;
        return $"+1 555-{number / 10000:D3}-{number % 10000:D4}";
    }

    protected override RowProcessor Prepare(BlockSpecs specs) => RowProcessor.Map(row =>
    {
        row["phone"] = FindPhone(row);
        return row;
    });
}
