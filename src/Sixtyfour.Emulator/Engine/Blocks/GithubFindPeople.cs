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
        var person = Emulated.Names(query, index);
        var username = FindEmailBlock.NameLocalPart($"{person["first_name"]}{person["last_name"]}") + Emulated.Tag(query, "github", index);
        person["github_username"] = username;
        person["github_url"] = "https://github.com/" + username;
        person["location"] = Emulated.City(query, index);
        person["followers"] = Emulated.Between(query, "followers", 0, 5000, index);
        person["top_language"] = Emulated.Pick(Languages, query, "language", index);
        return person;
    }
}
