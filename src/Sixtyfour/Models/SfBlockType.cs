using System.Management.Automation;
using System.Text.Json;

namespace Sixtyfour.Models
{
    /// <summary>A block type the API offers (BlockInfoResponse), with the JSON Schema of its specs.</summary>
    public sealed class SfBlockType
    {
        public string BlockName { get; set; } = string.Empty;

        /// <summary>As the API sent it; kept out of the public surface, where a JsonElement would show as {"ValueKind": 1}.</summary>
        internal JsonElement Schema { get; set; }

        /// <summary>The specs' JSON Schema as JSON text.</summary>
        public string SpecsSchemaJson => Schema.ValueKind == JsonValueKind.Undefined ? "{}" : Schema.GetRawText();

        /// <summary>The specs' JSON Schema as objects (properties, required, …); null when the API sent no object.</summary>
        public PSObject? SpecsSchema { get; internal set; }

        public override string ToString() => BlockName;
    }
}
