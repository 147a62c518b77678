using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Webhooks;

/// <summary>One signing secret of the organisation. <see cref="RevokedAt"/> in the future means "still signing until then" (a roll's overlap).</summary>
public sealed record SigningSecret(string Id, string Plaintext, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public const string Prefix = "sk_whsec_";

    public bool SignsAt(DateTimeOffset now) => RevokedAt is not { } revoked || revoked > now;

    /// <summary>What the API shows instead of the secret: <c>sk_whsec_••••…</c> and the last four characters.</summary>
    [JsonIgnore]
    public string Preview => $"{Prefix}••••…{Plaintext[^4..]}";
}

/// <summary>
/// The organisation's outgoing-webhook signing secrets (D-sig): at most one active secret; a roll
/// keeps the previous one signing for an overlap window, so deliveries then carry two signatures.
/// Creating revokes the active secret at once; deleting revokes everything (deliveries go unsigned).
/// </summary>
public sealed class SigningSecretStore(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private List<SigningSecret> secrets = [];

    /// <summary>Raised after every change, so the state can be saved.</summary>
    public event Action? Changed;

    /// <summary>The active secret (not revoked at all), or null.</summary>
    public SigningSecret? Active
    {
        get
        {
            lock (gate)
            {
                return secrets.LastOrDefault(secret => secret.RevokedAt is null);
            }
        }
    }

    /// <summary>Every secret a delivery is signed with now: the active one first, then any still in a roll's overlap, newest first.</summary>
    public IReadOnlyList<SigningSecret> SigningKeys()
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            return [.. secrets.Where(secret => secret.SignsAt(now)).OrderBy(secret => secret.RevokedAt is null ? 0 : 1).ThenByDescending(secret => secret.CreatedAt)];
        }
    }

    /// <summary>A new active secret; the previous active secret is revoked immediately.</summary>
    public SigningSecret Create() => Replace(TimeSpan.Zero);

    /// <summary>
    /// A new active secret; the secrets signing now keep signing for at most <paramref name="overlap"/>
    /// (0 revokes them all at once, for a suspected compromise). Null when there is no active secret.
    /// </summary>
    public SigningSecret? Roll(TimeSpan overlap) => Active is null ? null : Replace(overlap);

    /// <summary>Revokes every secret now; false when there was none signing.</summary>
    public bool RevokeAll()
    {
        var now = timeProvider.GetUtcNow();
        bool any;
        lock (gate)
        {
            any = secrets.Any(secret => secret.SignsAt(now));
            secrets = [.. secrets.Select(secret => secret.SignsAt(now) ? secret with { RevokedAt = now } : secret)];
        }

        Changed?.Invoke();
        return any;
    }

    /// <summary>All secrets, for saving; <see cref="Restore"/> puts them back.</summary>
    public IReadOnlyList<SigningSecret> Snapshot()
    {
        lock (gate)
        {
            return [.. secrets];
        }
    }

    /// <summary>Puts saved secrets back, without raising <see cref="Changed"/>.</summary>
    public void Restore(IEnumerable<SigningSecret> saved)
    {
        lock (gate)
        {
            secrets = [.. saved];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            secrets = [];
        }

        Changed?.Invoke();
    }

    private SigningSecret Replace(TimeSpan overlap)
    {
        var now = timeProvider.GetUtcNow();
        var created = new SigningSecret(Guid.NewGuid().ToString("D"), SigningSecret.Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), now, null);
        lock (gate)
        {
            var until = now + overlap;
            secrets = [.. secrets.Select(secret => secret.SignsAt(now) && !(secret.RevokedAt < until) ? secret with { RevokedAt = until } : secret), created];
        }

        Changed?.Invoke();
        return created;
    }
}
