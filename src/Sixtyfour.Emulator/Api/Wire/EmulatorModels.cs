using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>A fault rule as <c>POST /_emulator/faults</c> takes it; at least one action (or a variation) must be set.</summary>
public sealed record FaultRuleRequest(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("times")] int? Times,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds,
    [property: JsonPropertyName("latency_ms")] int? LatencyMs,
    [property: JsonPropertyName("reset_connection")] bool? ResetConnection,
    [property: JsonPropertyName("truncate_after_bytes")] long? TruncateAfterBytes,
    [property: JsonPropertyName("variation")] string? Variation = null,
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("delay_ms")] int? DelayMs = null,
    [property: JsonPropertyName("cut_after_bytes")] long? CutAfterBytes = null,
    [property: JsonPropertyName("stall_after_bytes")] long? StallAfterBytes = null);

/// <summary>A stored fault rule, with how many matching requests it will still affect.</summary>
public sealed record FaultRuleResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds,
    [property: JsonPropertyName("latency_ms")] int LatencyMs,
    [property: JsonPropertyName("reset_connection")] bool ResetConnection,
    [property: JsonPropertyName("truncate_after_bytes")] long? TruncateAfterBytes,
    [property: JsonPropertyName("variation")] string? Variation,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("cut_after_bytes")] long? CutAfterBytes,
    [property: JsonPropertyName("stall_after_bytes")] long? StallAfterBytes);

/// <summary>
/// One journal entry: what was asked, never header values. The variations applied are added while the
/// request is handled (before its answer is written), so a test reading the journal after the answer sees them.
/// </summary>
public sealed class JournalEntry(DateTimeOffset at, string method, string path, string query, IReadOnlyList<string> headerNames, bool apiKeyPresent, string? faultRuleId)
{
    private ImmutableArray<string> variations = [];

    [JsonPropertyName("at")]
    public DateTimeOffset At { get; } = at;

    [JsonPropertyName("method")]
    public string Method { get; } = method;

    [JsonPropertyName("path")]
    public string Path { get; } = path;

    [JsonPropertyName("query")]
    public string Query { get; } = query;

    [JsonPropertyName("header_names")]
    public IReadOnlyList<string> HeaderNames { get; } = headerNames;

    [JsonPropertyName("api_key_present")]
    public bool ApiKeyPresent { get; } = apiKeyPresent;

    [JsonPropertyName("fault_rule_id")]
    public string? FaultRuleId { get; } = faultRuleId;

    [JsonPropertyName("variations")]
    public IReadOnlyList<string> Variations => variations;

    public void AddVariation(string name) => ImmutableInterlocked.Update(ref variations, list => list.Contains(name) ? list : list.Add(name));
}

/// <summary>Adjustable emulator settings (<c>/_emulator/settings</c>).</summary>
public sealed record EmulatorSettings(
    [property: JsonPropertyName("download_link_lifetime_seconds")] int? DownloadLinkLifetimeSeconds);
