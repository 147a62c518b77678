namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>Deterministic made-up people for the blocks that "find" contacts.</summary>
internal static class EmulatedPeople
{
    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie"];
    private static readonly string[] LastNames = ["Smith", "Garcia", "Chen", "Novak", "Okafor", "Silva", "Berg", "Patel"];
    private static readonly string[] Titles = ["CEO", "CTO", "VP Sales", "Head of Marketing", "Engineering Manager", "COO"];

    public static string FirstName(string seed, int index) => Pick(FirstNames, seed, index, "first");

    public static string LastName(string seed, int index) => Pick(LastNames, seed, index, "last");

    public static string FullName(string seed, int index) => $"{FirstName(seed, index)} {LastName(seed, index)}";

    public static string Title(string seed, int index) => Pick(Titles, seed, index, "title");

    private static string Pick(string[] values, string seed, int index, string part) => Emulated.Pick(values, seed, part, index);
}
