using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.Testing;

/// <summary>
/// A fault to inject into the next <c>remaining</c> requests matching a method and a path pattern, or
/// a <see cref="Testing.Variation"/> to apply the next <c>remaining</c> times it can change an answer there.
/// </summary>
public sealed class FaultRule
{
    private int remaining;

    public FaultRule(FaultRuleRequest request)
    {
        Method = request.Method?.ToUpperInvariant();
        Path = request.Path ?? "*";
        remaining = request.Times ?? 1;
        Variation = request.Variation;
        Value = request.Value;
        Delay = request.DelayMs is { } delay ? TimeSpan.FromMilliseconds(delay) : null;

        // An HTML error page needs an error status; 502 is what a proxy says when the service behind it fails.
        Status = request.Status ?? (Variation == Testing.Variation.HtmlErrors ? StatusCodes.Status502BadGateway : null);
        RetryAfterSeconds = request.RetryAfterSeconds;
        Latency = TimeSpan.FromMilliseconds(request.LatencyMs ?? 0);
        ResetConnection = request.ResetConnection ?? false;
        TruncateAfterBytes = request.TruncateAfterBytes;
        CutAfterBytes = request.CutAfterBytes;
        StallAfterBytes = request.StallAfterBytes;

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

    /// <summary>
    /// Lets this many bytes of the body reach the client for certain, then closes the connection short of the
    /// announced Content-Length: a transfer that broke off midway, which a client can resume with a Range request.
    /// </summary>
    public long? CutAfterBytes { get; }

    /// <summary>
    /// Lets this many bytes of the body reach the client for certain, then sends nothing more and holds the connection
    /// open until the client gives up: a transfer that went silent midway, which only a client's stall timeout ends.
    /// </summary>
    public long? StallAfterBytes { get; }

    public string? Variation { get; }

    /// <summary>The status an <c>end_status</c> or <c>status_override</c> rule sets (null: leave <c>overall_status</c> out).</summary>
    public string? Value { get; }

    /// <summary>A <c>status_delay</c> rule's delay; null means <c>--status-delay-ms</c>.</summary>
    public TimeSpan? Delay { get; }

    /// <summary>
    /// True when the rule acts on a request as soon as it matches; the other variations are claimed
    /// only where they change an answer (see <see cref="FaultRules.ClaimVariation"/>).
    /// </summary>
    public bool ActsOnMatch => Variation is null or Testing.Variation.HtmlErrors;

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
        new(Id, Method, Path, Remaining, Status, RetryAfterSeconds, (int)Latency.TotalMilliseconds, ResetConnection, TruncateAfterBytes, Variation, Value, (int?)Delay?.TotalMilliseconds, CutAfterBytes, StallAfterBytes);

    /// <summary>Why a request cannot become a rule (400, or 422 for a bad variation), or null.</summary>
    public static ApiException? Problem(FaultRuleRequest request) => request switch
    {
        { Variation: { } name } when !Testing.Variation.Known.Contains(name) => ApiException.Invalid(
            "enum", $"variation must be one of: {string.Join(", ", Testing.Variation.Known)}.", name, new JsonObject { ["expected"] = string.Join(", ", Testing.Variation.Known) }, "body", "variation"),
        { Variation: Testing.Variation.EndStatus, Value: null or "" } => ApiException.Invalid(
            "missing", "end_status needs a value: the overall_status the runs end with (e.g. timeout, timed_out, terminated).", null, null, "body", "value"),
        { Variation: Testing.Variation.EndStatus, Value: Engine.RunStatus.Queued or Engine.RunStatus.Running } => ApiException.Invalid(
            "value_error", "end_status needs an end, not queued or running.", request.Value, null, "body", "value"),
        { Variation: Testing.Variation.HtmlErrors, Status: < 400 or > 599 } => ApiException.Invalid(
            "value_error", "html_errors needs an error status (400-599); the default is 502.", request.Status, null, "body", "status"),
        { Variation: null, Status: null, LatencyMs: null or 0, ResetConnection: null or false, TruncateAfterBytes: null, CutAfterBytes: null, StallAfterBytes: null } => Bad(
            "A fault rule needs at least one of status, latency_ms, reset_connection, truncate_after_bytes, cut_after_bytes, stall_after_bytes or variation."),
        { TruncateAfterBytes: not null, CutAfterBytes: not null } or { TruncateAfterBytes: not null, StallAfterBytes: not null } or { CutAfterBytes: not null, StallAfterBytes: not null } =>
            Bad("Set only one of truncate_after_bytes, cut_after_bytes and stall_after_bytes: each decides how the body ends."),
        { Status: < 100 or > 599 } => Bad("status must be an HTTP status code (100-599)."),
        { Times: < 1 } => Bad("times must be at least 1."),
        { LatencyMs: < 0 } or { RetryAfterSeconds: < 0 } or { TruncateAfterBytes: < 0 } or { DelayMs: < 0 } or { CutAfterBytes: < 0 } or { StallAfterBytes: < 0 } =>
            Bad("latency_ms, retry_after_seconds, truncate_after_bytes, cut_after_bytes, stall_after_bytes and delay_ms cannot be negative."),
        _ => null,
    };

    private static ApiException Bad(string detail) => ApiException.Detail(StatusCodes.Status400BadRequest, detail);
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

    /// <summary>The first fault rule (or html_errors rule) that matches and still has uses left, which is then used once.</summary>
    public FaultRule? Claim(string method, string path) => List().FirstOrDefault(rule => rule.ActsOnMatch && rule.TryClaim(method, path));

    /// <summary>The first rule of <paramref name="variation"/> that matches and still has uses left, which is then used once.</summary>
    public FaultRule? ClaimVariation(string variation, string method, string path) =>
        List().FirstOrDefault(rule => rule.Variation == variation && rule.TryClaim(method, path));
}
