using System.Text.RegularExpressions;
using Sixtyfour.Emulator.Models;

namespace Sixtyfour.Emulator.Testing;

/// <summary>A fault to inject into the next <c>remaining</c> requests matching a method and a path pattern.</summary>
public sealed class FaultRule
{
    private int remaining;

    public FaultRule(FaultRuleRequest request)
    {
        Method = request.Method?.ToUpperInvariant();
        Path = request.Path ?? "*";
        remaining = request.Times ?? 1;
        Status = request.Status;
        RetryAfterSeconds = request.RetryAfterSeconds;
        Latency = TimeSpan.FromMilliseconds(request.LatencyMs ?? 0);
        ResetConnection = request.ResetConnection ?? false;
        TruncateAfterBytes = request.TruncateAfterBytes;

        // A glob: '*' stands for any run of characters, '/' included; the rest matches literally.
        PathPattern = new Regex("^" + Regex.Escape(Path).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Id { get; } = Guid.NewGuid().ToString("D");

    public string? Method { get; }

    public string Path { get; }

    public Regex PathPattern { get; }

    public int? Status { get; }

    public int? RetryAfterSeconds { get; }

    public TimeSpan Latency { get; }

    public bool ResetConnection { get; }

    public long? TruncateAfterBytes { get; }

    public int Remaining => Volatile.Read(ref remaining);

    /// <summary>Claims one use of the rule for a request; false when it does not match or is used up.</summary>
    public bool TryClaim(string method, string path)
    {
        if ((Method is not null && Method != method) || !PathPattern.IsMatch(path))
        {
            return false;
        }

        var current = Volatile.Read(ref remaining);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref remaining, current - 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public FaultRuleResponse ToResponse() =>
        new(Id, Method, Path, Remaining, Status, RetryAfterSeconds, (int)Latency.TotalMilliseconds, ResetConnection, TruncateAfterBytes);

    /// <summary>The reason a request cannot become a rule, or null.</summary>
    public static string? Problem(FaultRuleRequest request) => request switch
    {
        { Status: null, LatencyMs: null or 0, ResetConnection: null or false, TruncateAfterBytes: null } =>
            "A fault rule needs at least one of status, latency_ms, reset_connection or truncate_after_bytes.",
        { Status: < 100 or > 599 } => "status must be an HTTP status code (100-599).",
        { Times: < 1 } => "times must be at least 1.",
        { LatencyMs: < 0 } or { RetryAfterSeconds: < 0 } or { TruncateAfterBytes: < 0 } => "latency_ms, retry_after_seconds and truncate_after_bytes cannot be negative.",
        _ => null,
    };
}

/// <summary>The active fault rules, first added first tried.</summary>
public sealed class FaultRules
{
    private readonly Lock gate = new();
    private readonly List<FaultRule> rules = [];

    public FaultRule Add(FaultRuleRequest request)
    {
        var rule = new FaultRule(request);
        lock (gate)
        {
            rules.Add(rule);
        }

        return rule;
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (gate)
        {
            return [.. rules];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>The first rule that matches and still has uses left, which is then used once.</summary>
    public FaultRule? Claim(string method, string path) => List().FirstOrDefault(rule => rule.TryClaim(method, path));
}
