using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>x_search</c> (any → LEAD), emulated: authors of posts on X matching <c>query</c> (default
/// <c>{query}</c>): <c>first_name, last_name, x_handle, post_text, post_url, likes</c>.
/// </summary>
public sealed class XSearchBlock() : DiscoveryBlock("{query}", "Search terms for posts on X.")
{
    public override string Name => "x_search";

    public override string OutputType => DataframeTypes.Lead;

    protected override JsonObject Result(string query, int index)
    {
        var person = Emulated.Names(query, index);
        var handle = $"{FindEmailBlock.NameLocalPart(person["first_name"]!.GetValue<string>())}_{Emulated.Tag(query, "x", index)}";
        person["x_handle"] = "@" + handle;
        person["post_text"] = $"Thoughts on {query} (#{index})";
        person["post_url"] = $"https://x.com/{handle}/status/{Emulated.Hash(query, "post", index) % 10_000_000_000_000_000}";
        person["likes"] = Emulated.Between(query, "likes", 0, 10_000, index);
        return person;
    }
}
