using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// A run as saved in its directory (<c>run.json</c>) when the data directory is kept: what it ran
/// (the graph, so it can be rebuilt even after its workflow is deleted), how it ended, and each
/// block's state and result files (names relative to the run directory).
/// </summary>
public sealed record RunRecord(
    Guid Id,
    string WorkflowId,
    string WorkflowName,
    WorkflowGraph Definition,
    JsonObject? SpecsOverride,
    IReadOnlyList<string> Formats,
    string Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset LastUpdated,
    string? StatusReason,
    string? ErrorMessage,
    decimal ReservedCredits,
    decimal? CreditsCharged,
    IReadOnlyList<BlockRecord> Blocks);

/// <summary>One block's saved state.</summary>
public sealed record BlockRecord(
    string BlockId,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset LastUpdated,
    string? ErrorMessage,
    long ProcessedCount,
    long RowCount,
    long? TotalCount,
    BlockOutputRecord? Output);

/// <summary>A completed block's result files.</summary>
public sealed record BlockOutputRecord(long RowCount, DateTimeOffset CreatedAt, IReadOnlyList<ResultFileRecord> Files);

public sealed record ResultFileRecord(string Format, string FileName, long Size);
