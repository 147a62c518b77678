using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Sixtyfour.Validation
{
    /// <summary>
    /// Which rows (LEAD or COMPANY) a block takes and gives. Read from the catalog's x-input-types and x-output-type
    /// when it has them (the emulator's extension), else from the rule Sixtyfour publishes; unknown when neither says.
    /// </summary>
    internal sealed class BlockTyping
    {
        public const string Lead = "LEAD";
        public const string Company = "COMPANY";
        public const string SameAsInput = "same_as_input";
        public const string FromSpecs = "specs.dataframe_type";

        private static readonly string[] Either = { Lead, Company };

        private static readonly Dictionary<string, BlockTyping> Published = new Dictionary<string, BlockTyping>(StringComparer.Ordinal)
        {
            ["webhook"] = new BlockTyping(Array.Empty<string>(), FromSpecs),
            ["read_csv"] = new BlockTyping(Array.Empty<string>(), FromSpecs),
            ["read_notebook"] = new BlockTyping(Array.Empty<string>(), FromSpecs),
            ["search"] = new BlockTyping(Array.Empty<string>(), FromSpecs),
            ["find_email"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["find_phone"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["lead_enrichment"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["verify_email"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["reverse_email"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["reverse_phone"] = new BlockTyping(new[] { Lead }, SameAsInput),
            ["company_enrichment"] = new BlockTyping(new[] { Company }, SameAsInput),
            ["company_to_leads"] = new BlockTyping(new[] { Company }, Lead),
            ["leads_to_company"] = new BlockTyping(new[] { Lead }, Company),
        };

        /// <summary>Blocks the published rule calls universal; any other block is taken as universal too, but not known to need input.</summary>
        private static readonly string[] Universal =
        {
            "filter", "deduplicate", "deduplicate_wrt_notebook", "append_to_notebook", "remove_columns", "group_by", "llm_openai",
            "transform_data", "outgoing_webhook", "send_slack_message",
        };

        private BlockTyping(IReadOnlyList<string>? accepts, string output)
        {
            Accepts = accepts;
            Output = output;
        }

        /// <summary>The types the block takes: empty for a source, null when not known (then any type is let through).</summary>
        public IReadOnlyList<string>? Accepts { get; }

        /// <summary>LEAD, COMPANY, <see cref="SameAsInput"/> or <see cref="FromSpecs"/>.</summary>
        public string Output { get; }

        public bool IsSource => Accepts != null && Accepts.Count == 0;

        /// <summary>The typing of <paramref name="blockName"/>, from its catalog schema when that carries it.</summary>
        public static BlockTyping Of(string blockName, JsonElement? schema)
        {
            if (schema is JsonElement s && s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("x-input-types", out var inputs) && inputs.ValueKind == JsonValueKind.Array
                && s.TryGetProperty("x-output-type", out var output) && output.ValueKind == JsonValueKind.String)
                return new BlockTyping(inputs.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray(), output.GetString()!);
            if (Published.TryGetValue(blockName, out var published)) return published;
            return new BlockTyping(Universal.Contains(blockName) ? Either : null, SameAsInput);
        }

        /// <summary>The type of the rows the block gives, given its input's type (null when unknown) and its specs.</summary>
        public string? OutputOf(string? inputType, JsonElement specs) => Output switch
        {
            SameAsInput => inputType,
            FromSpecs => specs.ValueKind == JsonValueKind.Object && specs.TryGetProperty("dataframe_type", out var type)
                && type.ValueKind == JsonValueKind.String && Either.Contains(type.GetString())
                    ? type.GetString()
                    : Lead,
            Lead => Lead,
            Company => Company,
            _ => null,
        };
    }
}
