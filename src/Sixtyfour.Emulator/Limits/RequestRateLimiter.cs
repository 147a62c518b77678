using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Limits;

/// <summary>
/// The documented general limit, 500 requests per minute per API key (<c>--rate-limit</c> changes it,
/// 0 turns it off). The emulator has one key, so one window counts every API request.
/// </summary>
public sealed class RequestRateLimiter(EmulatorOptions options, TimeProvider timeProvider)
    : SlidingWindowRateLimiter(options.RateLimit, timeProvider);
