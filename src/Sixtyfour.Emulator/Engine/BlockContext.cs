namespace Sixtyfour.Emulator.Engine;

/// <summary>What a block sees of its run.</summary>
public sealed class BlockContext(BlockSpecs specs, RunInputs inputs, TimeSpan rowLatency, Action<long> reportTotalCount)
{
    /// <summary>The block's specs; for the source block, with the run's <c>specs_override</c> applied.</summary>
    public BlockSpecs Specs { get; } = specs;

    public RunInputs Inputs { get; } = inputs;

    /// <summary>The <c>--row-latency-ms</c> delay that emulated enrichment blocks wait per row.</summary>
    public TimeSpan RowLatency { get; } = rowLatency;

    /// <summary>Lets a source block publish its row count as soon as it knows it.</summary>
    public void ReportTotalCount(long count) => reportTotalCount(count);
}

/// <summary>The run request's inputs, already on disk: the webhook payload as NDJSON, or the uploaded file.</summary>
public sealed record RunInputs(string? WebhookPayloadPath, long WebhookPayloadCount);

/// <summary>A run request's <c>webhook_payload</c>, stored as NDJSON (one record per line) while it was read.</summary>
public sealed record RunPayload(string Path, long Count)
{
    /// <summary>Its file's name in the run's directory.</summary>
    public const string FileName = "webhook_payload.ndjson";
}
