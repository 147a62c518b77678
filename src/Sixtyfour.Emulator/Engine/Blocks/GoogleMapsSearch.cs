using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>google_maps_search</c> (any → COMPANY), emulated: places matching <c>query</c> (default
/// <c>{query}</c>): the company columns of <c>search</c> plus <c>address, phone, rating, review_count, maps_url</c>.
/// </summary>
public sealed class GoogleMapsSearchBlock() : DiscoveryBlock("{query}", "Places to find, e.g. 'coffee roasters in Austin'.")
{
    public override string Name => "google_maps_search";

    public override string OutputType => DataframeTypes.Company;

    protected override JsonObject Result(string query, int index)
    {
        var place = Emulated.Company(query, index);
        place["address"] = $"{Emulated.Between(query, "street", 1, 999, index)} Main St, {place["city"]}";
        place["phone"] = $"+1 555-{Emulated.Between(query, "phone", 0, 9_999_999, index):000-0000}";
        place["rating"] = Emulated.Between(query, "rating", 30, 50, index) / 10.0;
        place["review_count"] = Emulated.Between(query, "reviews", 0, 2000, index);
        place["maps_url"] = "https://maps.google.com/?cid=" + Emulated.Hash(query, "cid", index) % 1_000_000_000_000;
        return place;
    }
}
