using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>github_find_people</c> (any → LEAD), emulated: GitHub users matching <c>query</c> (default
/// <c>{query}</c>): <c>first_name, last_name, github_username, github_url, location, followers, top_language</c>.
/// </summary>
public sealed class GithubFindPeopleBlock() : DiscoveryBlock("{query}", "GitHub people search, e.g. 'rust developers in Berlin'.")
{
    private static readonly string[] Languages = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "Ruby"];

    public override string Name => "github_find_people";

    public override string OutputType => DataframeTypes.Lead;

    protected override JsonObject Result(string query, int index)
    {
        var first = EmulatedPeople.FirstName(query, index);
        var last = EmulatedPeople.LastName(query, index);
        var username = $"{FindEmailBlock.NameLocalPart(first)}{FindEmailBlock.NameLocalPart(last)}{Emulated.Tag(query, "github", index)}";
        return new JsonObject
        {
            ["first_name"] = first,
            ["last_name"] = last,
            ["github_username"] = username,
            ["github_url"] = "https://github.com/" + username,
            ["location"] = Emulated.City(query, index),
            ["followers"] = Emulated.Between(query, "followers", 0, 5000, index),
            ["top_language"] = Emulated.Pick(Languages, query, "language", index),
        };
    }
}
