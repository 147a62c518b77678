namespace Sixtyfour.Emulator.Engine;

/// <summary>The registered block types, by <c>block_name</c>.</summary>
public sealed class BlockRegistry(IEnumerable<IBlock> blocks)
{
    private readonly Dictionary<string, IBlock> byName = blocks.ToDictionary(block => block.Name, StringComparer.Ordinal);

    /// <summary>All block types, ordered by name.</summary>
    public IEnumerable<IBlock> All => byName.Values.OrderBy(block => block.Name, StringComparer.Ordinal);

    public IBlock? Find(string name) => byName.GetValueOrDefault(name);
}
