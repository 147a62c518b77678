using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Services;

/// <summary>An emulator of the service tests' own: a clock they move (for the submission limit), a known balance, rows slow enough to cancel.</summary>
public sealed class ServiceFixture : EmulatorFixture
{
    public const decimal StartingCredits = 1000m;

    public ManualClock Time { get; } = new(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Clock => Time;

    protected override IEnumerable<string> ExtraArguments => ["--credits", "1000", "--row-latency-ms", "100"];
}
