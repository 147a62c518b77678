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

    /// <summary>The dataframe type the block requires of its input, or null when it takes either.</summary>
    string? InputType { get; }

    /// <summary>True when every input row gives exactly one output row, so counts can be estimated through it.</summary>
    bool PreservesRowCount { get; }

    /// <summary>JSON Schema of the block's <c>specs</c>, as served by <c>GET /workflows/blocks</c>.</summary>
    JsonObject SpecsSchema { get; }

    /// <summary>Checks specs beyond their JSON Schema; throws <see cref="BlockSpecsException"/>.</summary>
    void ValidateSpecs(BlockSpecs specs);

    /// <summary>The dataframe type of the output given the input's (sources ignore <paramref name="inputType"/>).</summary>
    string OutputType(string inputType, BlockSpecs specs);

    IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken);
}

/// <summary>A block that starts a workflow: it has no parents and takes its rows from the run request.</summary>
public interface ISourceBlock : IBlock
{
    /// <summary>Whether runs may carry <c>webhook_payload</c>; for any other source the request is rejected.</summary>
    bool AcceptsWebhookPayload { get; }

    /// <summary>Checks a run request before it is queued; returns the 400 detail, or null when it is fine.</summary>
    string? ValidateRunRequest(BlockSpecs specs, IReadOnlyList<JsonObject>? webhookPayload);
}

/// <summary>Dataframe types: every block works on lead rows or company rows.</summary>
public static class DataframeTypes
{
    public const string Lead = "LEAD";
    public const string Company = "COMPANY";

    public static IReadOnlyList<string> All { get; } = [Lead, Company];
}
