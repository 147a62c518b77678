using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sixtyfour.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>A block type the API offers (BlockInfoResponse), with the JSON Schema of its specs.</summary>
    public sealed class SfBlockType
    {
        [JsonPropertyName("block_name")] public string BlockName { get; set; } = string.Empty;

        [JsonPropertyName("specs_schema")] public JsonElement SpecsSchemaJson { get; set; }

        /// <summary>The specs' JSON Schema as objects (properties, required, …).</summary>
        [JsonIgnore] public PSObject? SpecsSchema => SpecsSchemaJson.ValueKind == JsonValueKind.Object ? JsonToPowerShell.Convert(SpecsSchemaJson) as PSObject : null;

        public override string ToString() => BlockName;
    }
}
