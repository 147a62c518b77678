using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// Base of the source blocks: free, typed by their <c>dataframe_type</c> spec (default LEAD), without
/// <c>webhook_payload</c>, and with no request input a scheduled run would need.
/// </summary>
public abstract class SourceBlock : ISourceBlock
{
    public abstract string Name { get; }

    public string? InputType => null;

    public virtual string OutputType => DataframeTypes.FromSpecs;

    public bool PreservesRowCount => true;

    public decimal CreditsPerRow => 0m;

    public virtual bool AcceptsWebhookPayload => false;

    public abstract JsonObject SpecsSchema { get; }

    /// <summary>Nothing beyond the schema by default; the compiler checks <c>dataframe_type</c>.</summary>
    public virtual void ValidateSpecs(BlockSpecs specs)
    {
    }

    public virtual Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>A scheduled run reads what the block's own specs name.</summary>
    public virtual IReadOnlyList<JsonObject>? ScheduledPayload(BlockSpecs specs) => null;

    public abstract Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken);
}
