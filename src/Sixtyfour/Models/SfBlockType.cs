using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sixtyfour.Adapters;

namespace Sixtyfour.Models
{
    /// <summary>A block type the API offers (BlockInfoResponse), with the JSON Schema of its specs.</summary>
    public sealed class SfBlockType
    {
        [JsonPropertyName("block_name")] public string BlockName { get; set; } = string.Empty;

        /// <summary>As the API sent it; kept out of the public surface, where a JsonElement would show as {"ValueKind": 1}.</summary>
        [JsonInclude, JsonPropertyName("specs_schema")] internal JsonElement Schema { get; set; }

        /// <summary>The specs' JSON Schema as JSON text.</summary>
        [JsonIgnore] public string SpecsSchemaJson => Schema.ValueKind == JsonValueKind.Undefined ? "{}" : Schema.GetRawText();

        /// <summary>The specs' JSON Schema as objects (properties, required, …).</summary>
        [JsonIgnore] public PSObject? SpecsSchema => Schema.ValueKind == JsonValueKind.Object ? JsonToPowerShell.Convert(Schema) as PSObject : null;

        public override string ToString() => BlockName;
    }
}
