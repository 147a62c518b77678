using Sixtyfour.Emulator.Limits;

namespace Sixtyfour.Emulator.Bulk;

/// <summary>The documented bulk limit of 10 submissions per minute per organisation.</summary>
public sealed class SubmissionRateLimiter(TimeProvider timeProvider) : SlidingWindowRateLimiter(Limit, timeProvider)
{
    public const int Limit = 10;
}
