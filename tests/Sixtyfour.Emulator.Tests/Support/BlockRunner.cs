using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>Runs one block over rows given as JSON text, outside any workflow.</summary>
public static class BlockRunner
{
    public static async Task<List<JsonObject>> RunAsync(IBlock block, string specs, params string[] rows)
    {
        var context = new BlockContext(new BlockSpecs(JsonNode.Parse(specs)!.AsObject()), new RunInputs(null, 0), TimeSpan.Zero, _ => { });
        var input = rows.Select(row => JsonNode.Parse(row)!.AsObject()).ToAsyncEnumerable();
        return await block.RunAsync(context, input, CancellationToken.None).ToListAsync();
    }

    /// <summary>The rows as compact JSON, for exact comparisons.</summary>
    public static string[] Texts(IEnumerable<JsonObject> rows) => [.. rows.Select(row => row.Compact())];
}
