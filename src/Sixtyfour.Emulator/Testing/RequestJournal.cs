using System.Collections.Concurrent;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.Testing;

/// <summary>The most recent requests (oldest dropped past <see cref="Capacity"/>); header values are never kept.</summary>
public sealed class RequestJournal
{
    public const int Capacity = 1000;

    private readonly ConcurrentQueue<JournalEntry> entries = new();

    public void Add(JournalEntry entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<JournalEntry> List() => [.. entries];

    public void Clear() => entries.Clear();
}
