using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>Helpers for the JSON Schema literals blocks declare for their specs.</summary>
internal static class BlockSchema
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
