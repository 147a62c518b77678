namespace Sixtyfour.Emulator.Limits;

/// <summary>
/// At most <c>limit</c> accepted calls in any minute, as a sliding window over the emulator's clock
/// (so tests can move past it). A limit of 0 or less turns it off.
/// </summary>
public abstract class SlidingWindowRateLimiter(int limit, TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> accepted = new();
    private readonly Lock gate = new();

    public bool TryAcquire() => TryAcquire(out _);

    /// <summary>Counts a call; false when the window is full, with the time until its oldest call leaves it.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limit <= 0)
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            while (accepted.TryPeek(out var oldest) && now - oldest >= Window)
            {
                accepted.Dequeue();
            }

            if (accepted.Count >= limit)
            {
                retryAfter = accepted.Peek() + Window - now;
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
