using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models.Wire
{
    /// <summary>BlockInfoResponse, one entry of GET /workflows/blocks.</summary>
    internal sealed class BlockInfoResponse
    {
        [JsonPropertyName("block_name")] public string BlockName { get; set; } = string.Empty;
        [JsonPropertyName("specs_schema")] public JsonElement SpecsSchema { get; set; }
    }
}
