using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sixtyfour.Emulator.Storage;

/// <summary>The outcome of checking a signed download link.</summary>
public enum SignatureCheck
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// Signs download paths with an expiry, like the real service's signed storage URLs. The HMAC key is
/// generated per process, so links die with the emulator that issued them.
/// </summary>
public sealed class DownloadUrlSigner(TimeProvider timeProvider)
{
    public const int DefaultLifetimeSeconds = 900;

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    /// <summary>How long new links stay valid; what <c>download_expires_in_seconds</c> reports.</summary>
    public int LifetimeSeconds { get; set; } = DefaultLifetimeSeconds;

    /// <summary>Returns <paramref name="path"/> with its <c>expires</c> and <c>signature</c> query.</summary>
    public string Sign(string path)
    {
        var expires = timeProvider.GetUtcNow().ToUnixTimeSeconds() + LifetimeSeconds;
        return $"{path}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Compute(path, expires)}";
    }

    public SignatureCheck Verify(string path, string? expiresText, string? signature)
    {
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || signature is null)
        {
            return SignatureCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(path, expires));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            return SignatureCheck.Invalid;
        }

        return timeProvider.GetUtcNow().ToUnixTimeSeconds() > expires ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Compute(string path, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{expires.ToString(CultureInfo.InvariantCulture)}")));
}
