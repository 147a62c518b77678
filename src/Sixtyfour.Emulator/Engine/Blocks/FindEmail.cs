using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>find_email</c> (LEAD), emulated deterministically: an existing non-empty <c>email</c> is kept;
/// otherwise, given <c>first_name</c>, <c>last_name</c> and a domain from <c>company_domain</c>,
/// <c>domain</c> or <c>website</c>, the email is <c>first.last@domain</c> (PERSONAL mode:
/// <c>@gmail.com</c>); otherwise it is "".
/// </summary>
public sealed class FindEmailBlock : RowBlock
{
    public const string Professional = "PROFESSIONAL";
    public const string Personal = "PERSONAL";

    /// <summary>Letters that Unicode decomposition does not reduce to ASCII.</summary>
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    public override string Name => "find_email";

    public override decimal CreditsPerRow => 1m;

    public override string? InputType => DataframeTypes.Lead;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "mode": { "type": "string", "enum": ["PROFESSIONAL", "PERSONAL"], "default": "PROFESSIONAL" }
          },
          "additionalProperties": false
        }
        """);

    protected override bool IsEmulatedEnrichment => true;

    /// <summary>The email the emulator finds for <paramref name="row"/>; "" when it finds none.</summary>
    public static string FindEmail(JsonObject row, string mode)
    {
        if (RowValues.NonEmptyString(row, "email") is { } existing)
        {
            return existing;
        }

        var first = NameLocalPart(RowValues.NonEmptyString(row, "first_name"));
        var last = NameLocalPart(RowValues.NonEmptyString(row, "last_name"));
        var domain = RowValues.Domain(row);
        if (first.Length == 0 || last.Length == 0 || domain is null)
        {
            return string.Empty;
        }

        return $"{first}.{last}@{(mode == Personal ? "gmail.com" : domain)}";
    }

    /// <summary>Lowercase, diacritics removed (é→e, ß→ss), then only a–z and 0–9 kept.</summary>
    public static string NameLocalPart(string? name)
    {
        if (name is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var character in name.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (Transliterations.TryGetValue(character, out var replacement))
            {
                builder.Append(replacement);
            }
            else if (character is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    protected override RowProcessor Prepare(BlockSpecs specs)
    {
        var mode = specs.GetChoice("mode", Professional, [Professional, Personal]);
        return RowProcessor.Map(row =>
        {
            row["email"] = FindEmail(row, mode);
            return row;
        });
    }
}
