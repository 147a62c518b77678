using System.Net;
using Sixtyfour.Emulator.Hosting;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Limits;

/// <summary>The fast emulator runs with <c>--rate-limit 0</c>, as every test host here does unless it tests the limit.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class UnlimitedRequestsTests(FastEmulatorFixture emulator)
{
    [Fact]
    public async Task Rate_limit_0_lets_more_than_the_documented_500_a_minute_through()
    {
        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i <= EmulatorOptions.DefaultRateLimit; i++)
        {
            using var response = await emulator.Client.GetAsync("/check-balance");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK], statuses);
    }
}
