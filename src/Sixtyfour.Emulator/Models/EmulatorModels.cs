using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Models;

/// <summary>A fault rule as <c>POST /_emulator/faults</c> takes it; at least one action must be set.</summary>
public sealed record FaultRuleRequest(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("times")] int? Times,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds,
    [property: JsonPropertyName("latency_ms")] int? LatencyMs,
    [property: JsonPropertyName("reset_connection")] bool? ResetConnection,
    [property: JsonPropertyName("truncate_after_bytes")] long? TruncateAfterBytes);

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
    [property: JsonPropertyName("truncate_after_bytes")] long? TruncateAfterBytes);

/// <summary>One journal entry: what was asked, never header values.</summary>
public sealed record JournalEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("header_names")] IReadOnlyList<string> HeaderNames,
    [property: JsonPropertyName("api_key_present")] bool ApiKeyPresent,
    [property: JsonPropertyName("fault_rule_id")] string? FaultRuleId);

/// <summary>Adjustable emulator settings (<c>/_emulator/settings</c>).</summary>
public sealed record EmulatorSettings(
    [property: JsonPropertyName("download_link_lifetime_seconds")] int? DownloadLinkLifetimeSeconds);
