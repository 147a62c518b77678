namespace Sixtyfour.Emulator.Bulk;

/// <summary>
/// The documented bulk limit of 10 submissions per minute per organisation, as a sliding window
/// over the emulator's clock (so tests can move past it).
/// </summary>
public sealed class SubmissionRateLimiter(TimeProvider timeProvider)
{
    public const int Limit = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> accepted = new();
    private readonly Lock gate = new();

    /// <summary>Counts a submission; false when 10 were already counted in the last minute.</summary>
    public bool TryAcquire()
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            while (accepted.TryPeek(out var oldest) && now - oldest >= Window)
            {
                accepted.Dequeue();
            }

            if (accepted.Count >= Limit)
            {
                return false;
            }

            accepted.Enqueue(now);
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            accepted.Clear();
        }
    }
}
