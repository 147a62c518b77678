using System.Globalization;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// Deterministic made-up values for the emulated blocks: each is drawn from a stable hash of a seed
/// (usually the row's canonical JSON, see <see cref="Seed"/>) and a part name, so the same input
/// always gets the same value, in every process.
/// </summary>
internal static class Emulated
{
    private static readonly string[] Industries = ["Software", "Fintech", "Healthcare", "Logistics", "Retail", "Manufacturing", "Media", "Energy"];
    private static readonly string[] Cities = ["San Francisco", "New York", "Austin", "London", "Berlin", "Toronto", "Singapore", "Paris"];
    private static readonly string[] CompanyWords = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Cyberdyne"];
    private static readonly string[] CompanySuffixes = ["Labs", "Systems", "Inc", "Group", "Works", "AI"];

    /// <summary>The seed of a row: its canonical JSON, plus any extra parts (a prompt, a query).</summary>
    public static string Seed(JsonObject row, params string[] parts) => string.Join('\u001f', [RowValues.Canonical(row), .. parts]);

    public static ulong Hash(string seed, string part, int index = 0) =>
        RowValues.StableHash(seed, part, index.ToString(CultureInfo.InvariantCulture));

    public static string Pick(IReadOnlyList<string> values, string seed, string part, int index = 0) =>
        values[(int)(Hash(seed, part, index) % (ulong)values.Count)];

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static long Between(string seed, string part, long min, long max, int index = 0) =>
        min + (long)(Hash(seed, part, index) % (ulong)(max - min + 1));

    /// <summary>Four hex digits: a recognisable, short tag such as <c>a3f0</c>.</summary>
    public static string Tag(string seed, string part, int index = 0) => (Hash(seed, part, index) % 0x10000).ToString("x4", CultureInfo.InvariantCulture);

    public static string Industry(string seed, int index = 0) => Pick(Industries, seed, "industry", index);

    public static string City(string seed, int index = 0) => Pick(Cities, seed, "city", index);

    public static string CompanyName(string seed, int index = 0) => $"{Pick(CompanyWords, seed, "company", index)} {Pick(CompanySuffixes, seed, "suffix", index)}";

    /// <summary>The company's domain: its name lowercased, letters and digits only, under <c>.example</c> (reserved, never real).</summary>
    public static string DomainOf(string companyName) => FindEmailBlock.NameLocalPart(companyName) + ".example";

    /// <summary>A made-up company row: name, domain, industry, city and head count.</summary>
    public static JsonObject Company(string seed, int index)
    {
        var name = CompanyName(seed, index);
        return new JsonObject
        {
            ["company_name"] = name,
            ["company_domain"] = DomainOf(name),
            ["industry"] = Industry(seed, index),
            ["city"] = City(seed, index),
            ["employee_count"] = Between(seed, "employees", 5, 5000, index),
        };
    }

    /// <summary>A made-up person's <c>first_name</c> and <c>last_name</c>: the start of every made-up LEAD row.</summary>
    public static JsonObject Names(string seed, int index) => new()
    {
        ["first_name"] = EmulatedPeople.FirstName(seed, index),
        ["last_name"] = EmulatedPeople.LastName(seed, index),
    };

    /// <summary>A made-up person row: names, title and LinkedIn URL, at the given company.</summary>
    public static JsonObject Person(string seed, int index, string companyName, string companyDomain)
    {
        var person = Names(seed, index);
        person["title"] = EmulatedPeople.Title(seed, index);
        person["company_name"] = companyName;
        person["company_domain"] = companyDomain;
        person["linkedin_url"] = $"https://www.linkedin.com/in/{FindEmailBlock.NameLocalPart(EmulatedPeople.FirstName(seed, index))}-{FindEmailBlock.NameLocalPart(EmulatedPeople.LastName(seed, index))}-{Tag(seed, "linkedin", index)}";
        return person;
    }
}
