using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// A block type, registered once and shared by all runs: per-run state lives in what
/// <see cref="RunAsync"/> creates. Rows are streamed; a block keeps only what it truly needs.
/// </summary>
public interface IBlock
{
    /// <summary>The registered block name (<c>block_name</c>), e.g. <c>find_email</c>.</summary>
    string Name { get; }

    /// <summary>The dataframe type the block requires of its input, or null when it takes either (and for sources).</summary>
    string? InputType { get; }

    /// <summary>
    /// The dataframe type of the block's output: <see cref="DataframeTypes.Lead"/>, <see cref="DataframeTypes.Company"/>,
    /// <see cref="DataframeTypes.SameAsInput"/> or <see cref="DataframeTypes.FromSpecs"/> (see <see cref="DataframeTypes.OutputOf"/>).
    /// </summary>
    string OutputType { get; }

    /// <summary>True when every input row gives exactly one output row, so counts can be estimated through it.</summary>
    bool PreservesRowCount { get; }

    /// <summary>
    /// Emulated price: credits drawn from the balance per input row the block processes (per row a
    /// source emits). Enrichment blocks cost credits; data operations and sources are free.
    /// </summary>
    decimal CreditsPerRow { get; }

    /// <summary>JSON Schema of the block's <c>specs</c>, as served by <c>GET /workflows/blocks</c>.</summary>
    JsonObject SpecsSchema { get; }

    /// <summary>Checks specs beyond their JSON Schema; throws <see cref="BlockSpecsException"/>.</summary>
    void ValidateSpecs(BlockSpecs specs);

    IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken);
}

/// <summary>A block that starts a workflow: it has no parents and takes its rows from the run request.</summary>
public interface ISourceBlock : IBlock
{
    /// <summary>Whether runs may carry <c>webhook_payload</c>; for any other source the request is rejected.</summary>
    bool AcceptsWebhookPayload { get; }

    /// <summary>Checks a run request before it is queued; returns the 400 detail, or null when it is fine.</summary>
    Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken);

    /// <summary>
    /// The <c>webhook_payload</c> a scheduled run gets (null when the source needs none); throws
    /// <see cref="RunRequestException"/> when a scheduled run of this source cannot have input.
    /// </summary>
    IReadOnlyList<JsonObject>? ScheduledPayload(BlockSpecs specs);

    /// <summary>How many rows a valid run request will emit; used to price the run before it starts.</summary>
    Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken);
}

/// <summary>
/// A block with work to do once its rows have all passed and its result files are written (an
/// outgoing webhook's delivery); the block stays running until <see cref="FinishAsync"/> returns,
/// and fails the run if it throws.
/// </summary>
public interface IFinishingBlock : IBlock
{
    Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken);
}

/// <summary>What a finishing block knows of its run, of itself and of its own output.</summary>
public sealed record BlockFinish(Guid RunId, string WorkflowId, string BlockId, string DataframeType, BlockSpecs Specs, Engine.Output.BlockOutput Output);

/// <summary>Dataframe types: every block works on lead rows or company rows.</summary>
public static class DataframeTypes
{
    public const string Lead = "LEAD";
    public const string Company = "COMPANY";

    /// <summary><see cref="IBlock.OutputType"/> of blocks whose rows keep their input's type.</summary>
    public const string SameAsInput = "same_as_input";

    /// <summary><see cref="IBlock.OutputType"/> of sources whose type is their <c>dataframe_type</c> spec (default LEAD).</summary>
    public const string FromSpecs = "specs.dataframe_type";

    public static IReadOnlyList<string> All { get; } = [Lead, Company];

    /// <summary>The type of <paramref name="block"/>'s rows, given its input's type and its specs.</summary>
    public static string OutputOf(IBlock block, string inputType, BlockSpecs specs) => block.OutputType switch
    {
        SameAsInput => inputType,
        FromSpecs => specs.GetChoice("dataframe_type", Lead, All),
        var fixedType => fixedType,
    };

    /// <summary>
    /// The block's specs schema with its typing added as <c>x-input-types</c> (the types it accepts;
    /// none for a source) and <c>x-output-type</c>, so clients can check a graph before sending it.
    /// </summary>
    public static JsonObject DescribedSchema(IBlock block)
    {
        var schema = block.SpecsSchema.DeepClone().AsObject();
        IEnumerable<string> accepted = block is ISourceBlock ? [] : block.InputType is { } required ? [required] : All;
        schema["x-input-types"] = new JsonArray([.. accepted.Select(type => (JsonNode)type)]);
        schema["x-output-type"] = block.OutputType;
        return schema;
    }
}
