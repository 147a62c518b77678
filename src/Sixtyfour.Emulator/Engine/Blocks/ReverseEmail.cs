using System.Globalization;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>reverse_email</c> (LEAD), emulated: from <c>email</c> (or <c>email_column</c>), the person behind
/// it: <c>first_name</c> and <c>last_name</c> from a <c>first.last</c> local part (capitalised; a local
/// part of one word gives only the first name, and a made-up last name), <c>company_domain</c> from the
/// address (none for free mail),
/// and <c>linkedin_url</c>. Existing non-empty columns are kept; a row without an address is unchanged.
/// </summary>
public sealed class ReverseEmailBlock : RowBlock
{
    private static readonly string[] FreeMail = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me"];

    public override string Name => "reverse_email";

    public override decimal CreditsPerRow => 1m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "email_column": { "type": "string", "default": "email", "description": "Column holding the address to look up." }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var column = specs.GetString("email_column", "email")!;
        return RowProcessor.Map(row =>
        {
            if (RowValues.NonEmptyString(row, column) is not { } email || VerifyEmailBlock.Classify(row[column]) == VerifyEmailBlock.Invalid)
            {
                return row;
            }

            var at = email.IndexOf('@');
            var names = email[..at].Split('.', '_', '-');
            var seed = email.Trim().ToLowerInvariant();
            var domain = RowValues.NormalizeDomain(email[(at + 1)..]);
            Fill(row, "first_name", names[0].Length > 0 ? Capitalised(names[0]) : EmulatedPeople.FirstName(seed, 1));
            Fill(row, "last_name", names.Length == 2 ? Capitalised(names[1]) : EmulatedPeople.LastName(seed, 1));
            Fill(row, "company_domain", FreeMail.Contains(domain) ? string.Empty : domain);
            Fill(row, "linkedin_url", $"https://www.linkedin.com/in/{FindEmailBlock.NameLocalPart(row["first_name"]!.GetValue<string>())}-{FindEmailBlock.NameLocalPart(row["last_name"]!.GetValue<string>())}-{Emulated.Tag(seed, "linkedin")}");
            return row;
        });
    }

    /// <summary>Sets <paramref name="column"/> unless the row already has a non-empty value there.</summary>
    internal static void Fill(JsonObject row, string column, string value)
    {
        if (RowValues.NonEmptyString(row, column) is null)
        {
            row[column] = value;
        }
    }

    private static string Capitalised(string name) =>
        name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..].ToLowerInvariant();
}
