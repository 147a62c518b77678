using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>tiktok_get_following</c> (any → LEAD), emulated: accounts followed by the TikTok account
/// <c>query</c> (default <c>{tiktok_handle}</c>): <c>tiktok_handle, display_name, follower_count, profile_url</c>.
/// </summary>
public sealed class TiktokGetFollowingBlock() : DiscoveryBlock("{tiktok_handle}", "The TikTok account whose followed accounts to list.")
{
    public override string Name => "tiktok_get_following";

    public override string OutputType => DataframeTypes.Lead;

    protected override JsonObject Result(string query, int index)
    {
        var handle = $"{FindEmailBlock.NameLocalPart(EmulatedPeople.FirstName(query, index))}.{Emulated.Tag(query, "tiktok", index)}";
        return new JsonObject
        {
            ["tiktok_handle"] = "@" + handle,
            ["display_name"] = EmulatedPeople.FullName(query, index),
            ["follower_count"] = Emulated.Between(query, "followers", 100, 2_000_000, index),
            ["profile_url"] = "https://www.tiktok.com/@" + handle,
        };
    }
}
