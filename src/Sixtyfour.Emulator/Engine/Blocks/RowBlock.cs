using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// What a <see cref="RowBlock"/> does in one run: <see cref="Process"/> turns each input row into
/// zero or more output rows, and <see cref="Complete"/> emits anything held back until the input ends
/// (aggregations). State the block truly needs (seen keys, groups) lives in the delegates' closure.
/// </summary>
public sealed class RowProcessor
{
    private readonly Func<JsonObject, IEnumerable<JsonObject>>? process;
    private readonly Func<IEnumerable<JsonObject>>? complete;

    public RowProcessor(Func<JsonObject, IEnumerable<JsonObject>> process, Func<IEnumerable<JsonObject>>? complete = null)
    {
        this.process = process;
        this.complete = complete;
    }

    private RowProcessor(Func<JsonObject, JsonObject?> map) => Mapping = map;

    /// <summary>
    /// The function of a processor made by <see cref="Map"/> (null for others): the block calls it directly,
    /// sparing the per-row sequence that <see cref="Process"/> would make around its one row.
    /// </summary>
    public Func<JsonObject, JsonObject?>? Mapping { get; }

    /// <summary>One row in, at most one row out (null drops the row).</summary>
    public static RowProcessor Map(Func<JsonObject, JsonObject?> map) => new(map);

    public IEnumerable<JsonObject> Process(JsonObject row) => process is null ? (Mapping!(row) is { } output ? [output] : []) : process(row);

    public IEnumerable<JsonObject> Complete() => complete?.Invoke() ?? [];
}

/// <summary>
/// Base of the non-source blocks: a block reads its specs once per run in <see cref="Prepare"/>
/// (which is also how definitions are validated) and returns its <see cref="RowProcessor"/>.
/// </summary>
public abstract class RowBlock : IBlock
{
    public abstract string Name { get; }

    public virtual string? InputType => null;

    public virtual bool PreservesRowCount => true;

    public virtual decimal CreditsPerRow => 0m;

    public abstract JsonObject SpecsSchema { get; }

    /// <summary>Emulated enrichments wait <c>--row-latency-ms</c> per row, standing in for the real lookups.</summary>
    protected virtual bool IsEmulatedEnrichment => false;

    public virtual string OutputType => DataframeTypes.SameAsInput;

    public void ValidateSpecs(BlockSpecs specs) => Prepare(specs);

    public async IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var processor = Prepare(context.Specs);
        var latency = IsEmulatedEnrichment ? context.RowLatency : TimeSpan.Zero;
        await foreach (var row in input.WithCancellation(cancellationToken))
        {
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, cancellationToken);
            }

            if (processor.Mapping is { } map)
            {
                if (map(row) is { } mapped)
                {
                    yield return mapped;
                }

                continue;
            }

            foreach (var output in processor.Process(row))
            {
                yield return output;
            }
        }

        foreach (var output in processor.Complete())
        {
            yield return output;
        }
    }

    /// <summary>Validates the specs (throwing <see cref="BlockSpecsException"/>) and returns this run's processor.</summary>
    protected abstract RowProcessor Prepare(BlockSpecs specs);
}
