using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>verify_email</c> (LEAD), emulated deterministically: adds <c>email_status</c> = INVALID (missing,
/// not a string, or not shaped like an address), CATCH_ALL (domain starts with <c>catchall.</c>),
/// RISKY (local part starts with <c>risky</c>) or OK, checked in that order.
/// </summary>
public sealed partial class VerifyEmailBlock : RowBlock
{
    public const string Ok = "OK";
    public const string CatchAll = "CATCH_ALL";
    public const string Risky = "RISKY";
    public const string Invalid = "INVALID";

    public override string Name => "verify_email";

    public override decimal CreditsPerRow => 0.5m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "email_column": { "type": "string", "default": "email", "description": "Column holding the address to verify." }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    public static string Classify(JsonNode? value)
    {
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String || scalar.GetValue<string>() is not { } email || !Address().IsMatch(email))
        {
            return Invalid;
        }

        var at = email.IndexOf('@');
        if (email[(at + 1)..].ToLowerInvariant().StartsWith("catchall.", StringComparison.Ordinal))
        {
            return CatchAll;
        }

        return email[..at].ToLowerInvariant().StartsWith("risky", StringComparison.Ordinal) ? Risky : Ok;
    }

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var column = specs.GetString("email_column", "email")!;
        return RowProcessor.Map(row =>
        {
            row["email_status"] = Classify(row[column]);
            return row;
        });
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Address();
}
