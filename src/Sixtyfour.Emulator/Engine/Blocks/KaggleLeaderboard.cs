using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>kaggle_leaderboard</c> (any → LEAD), emulated: the top <c>max_results</c> of the competition
/// <c>query</c> (default <c>{competition}</c>), best first: <c>rank, kaggle_username, display_name, score</c>
/// (scores fall with the rank).
/// </summary>
public sealed class KaggleLeaderboardBlock() : DiscoveryBlock("{competition}", "The Kaggle competition's slug, e.g. 'titanic'.")
{
    public override string Name => "kaggle_leaderboard";

    public override string OutputType => DataframeTypes.Lead;

    protected override JsonObject Result(string query, int index) => new()
    {
        ["rank"] = index,
        ["kaggle_username"] = $"{FindEmailBlock.NameLocalPart(EmulatedPeople.LastName(query, index))}{Emulated.Tag(query, "kaggle", index)}",
        ["display_name"] = EmulatedPeople.FullName(query, index),
        ["score"] = Math.Round(1.0 - (index * 0.01) - (Emulated.Between(query, "score", 0, 99, index) / 100_000.0), 5),
    };
}
