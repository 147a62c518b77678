using System.Globalization;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Tests.Storage;

public sealed class DownloadUrlSignerTests
{
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public void A_fresh_link_verifies_until_it_expires()
    {
        var signer = new DownloadUrlSigner(clock);
        var (path, expires, signature) = Split(signer.Sign("/_storage/runs/x/a.csv"));

        Assert.Equal(SignatureCheck.Valid, signer.Verify(path, expires, signature));
        clock.Advance(TimeSpan.FromSeconds(DownloadUrlSigner.DefaultLifetimeSeconds + 1));
        Assert.Equal(SignatureCheck.Expired, signer.Verify(path, expires, signature));
    }

    [Fact]
    public void Changing_any_part_breaks_the_signature()
    {
        var signer = new DownloadUrlSigner(clock);
        var (path, expires, signature) = Split(signer.Sign("/_storage/runs/x/a.csv"));

        Assert.Equal(SignatureCheck.Invalid, signer.Verify("/_storage/runs/x/b.csv", expires, signature));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify(path, (long.Parse(expires, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), signature));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify(path, expires, null));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify(path, "soon", signature));
        Assert.Equal(SignatureCheck.Invalid, new DownloadUrlSigner(clock).Verify(path, expires, signature));
    }

    private static (string Path, string Expires, string Signature) Split(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url[url.IndexOf('?')..]);
        return (url[..url.IndexOf('?')], query["expires"]!, query["signature"]!);
    }

    private sealed class ManualTimeProvider : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
