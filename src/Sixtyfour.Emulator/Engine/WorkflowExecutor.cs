using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Hosting;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// Runs one workflow run. Every block runs concurrently and rows stream between them: a block with
/// one parent reads that parent's rows from a bounded channel as they are produced; a block with
/// several parents waits for them all and reads their result files one after another in
/// <c>sequence_number</c> order (reading files there avoids the deadlock that ordered concatenation
/// of live bounded channels would cause in a diamond-shaped graph). Rows cross a channel in batches,
/// a handover per row having cost more than most blocks' work; a batch goes as soon as it is full or
/// the block has to wait for its next row, so a slow block still hands each row on at once.
/// </summary>
public sealed partial class WorkflowExecutor(EmulatorOptions options, CreditLedger ledger, RunStore runs, TimeProvider timeProvider, ILogger<WorkflowExecutor> logger)
{
    /// <summary>Rows per batch at most.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches in flight per edge; small enough to keep memory flat, big enough to keep blocks busy.</summary>
    private const int EdgeCapacity = 4;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public async Task ExecuteAsync(WorkflowRun run, CancellationToken shutdown)
    {
        if (!run.TryStart(Now))
        {
            // Cancelled while queued: nothing ran, so the whole reservation goes back.
            run.Settle(ledger);
            runs.Save(run);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(run.Stopping, shutdown);
        Directory.CreateDirectory(run.Directory);
        var edges = run.Plan.Blocks
            .Where(block => block.Parents.Count == 1)
            .ToDictionary(block => block, _ => Channel.CreateBounded<List<JsonObject>>(new BoundedChannelOptions(EdgeCapacity) { SingleReader = true, SingleWriter = true }));
        var finished = run.Plan.Blocks.ToDictionary(block => block, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        await Task.WhenAll(run.Blocks.Select(state => Task.Run(() => RunBlockAsync(run, state, edges, finished, stop.Token), CancellationToken.None)));

        if (shutdown.IsCancellationRequested)
        {
            run.Fail(WorkflowRun.StoppedReason, WorkflowRun.StoppedMessage, Now);
        }

        // Settled before the run reads as completed, so a completed run always shows its charge.
        run.Settle(ledger);
        run.Complete(Now);
        runs.Save(run);
        logger.LogInformation("Run {RunId} of workflow {WorkflowId} ended {Status}", run.Id, run.WorkflowId, run.Status);
    }

    private async Task RunBlockAsync(
        WorkflowRun run,
        BlockRunState state,
        IReadOnlyDictionary<PlannedBlock, Channel<List<JsonObject>>> edges,
        IReadOnlyDictionary<PlannedBlock, TaskCompletionSource> finished,
        CancellationToken cancellationToken)
    {
        var planned = state.Planned;
        var isSource = planned.Parents.Count == 0;
        var outlets = planned.Children.Where(edges.ContainsKey).Select(child => edges[child].Writer).ToList();
        var succeeded = false;
        try
        {
            var input = planned.Parents.Count switch
            {
                0 => AsyncEnumerable.Empty<JsonObject>(),
                1 => TrackAsync(edges[planned].Reader.ReadAllAsync(cancellationToken), state, cancellationToken),
                _ => TrackAsync(ConcatenateParentsAsync(run, planned, finished, cancellationToken), state, cancellationToken),
            };
            var context = new BlockContext(run.SpecsOf(planned), run.Inputs, options.RowLatency, total => state.SetTotalCount(total, Now));
            if (isSource)
            {
                state.Start(Now);

                // The end_status variation ends the run once its first block has begun, as a timeout would.
                if (run.Variations.EndStatus is { } endStatus)
                {
                    run.End(endStatus, Now);
                }
            }

            await using var results = new BlockResultWriter(run.Directory, FileBaseName(run.Id, planned));
            var batches = outlets.Select(_ => new List<JsonObject>(BatchSize)).ToArray();
            await using var rows = state.Block.RunAsync(context, input, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var next = rows.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    await SendAsync(outlets, batches, cancellationToken);
                }

                if (!await next)
                {
                    break;
                }

                var row = rows.Current;
                await results.WriteAsync(row, cancellationToken);
                var now = Now;
                state.AddRow(now);
                if (isSource)
                {
                    state.AddProcessed(now);
                }

                // Children may change the row, so each one after the first gets its own copy.
                for (var i = 0; i < batches.Length; i++)
                {
                    batches[i].Add(i == 0 ? row : row.DeepClone().AsObject());
                }

                if (batches.Length > 0 && batches[0].Count == BatchSize)
                {
                    await SendAsync(outlets, batches, cancellationToken);
                }
            }

            await SendAsync(outlets, batches, cancellationToken);

            var output = await results.CompleteAsync(run.Formats, Now, cancellationToken);
            if (state.Block is IFinishingBlock finishing)
            {
                await finishing.FinishAsync(new BlockFinish(run.Id, run.WorkflowId, planned.Id, state.DataframeType, context.Specs, output), cancellationToken);
            }

            state.Complete(output, Now);

            // Saved per block, so a kill mid-run still leaves the finished blocks' files reachable after a restart.
            runs.Save(run);
            PublishChildTotals(run, planned);
            succeeded = true;
            finished[planned].SetResult();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            state.Cancel(Now);
        }
        catch (Exception exception)
        {
            state.Fail(exception.Message, Now);
            run.Fail("block_failed", $"Block '{planned.Id}' ({planned.Definition.BlockName}) failed: {exception.Message}", Now);
            logger.LogInformation(exception, "Block {BlockId} of run {RunId} failed", planned.Id, run.Id);
        }
        finally
        {
            // A failed parent ends its children's input with an error, so they cannot mistake it for the end of the data.
            var failure = succeeded ? null : new OperationCanceledException("An upstream block did not complete.");
            foreach (var outlet in outlets)
            {
                outlet.TryComplete(failure);
            }

            finished[planned].TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>Hands each child its batch (the child owns it from then on) and starts new ones.</summary>
    private static async ValueTask SendAsync(List<ChannelWriter<List<JsonObject>>> outlets, List<JsonObject>[] batches, CancellationToken cancellationToken)
    {
        for (var i = 0; i < batches.Length; i++)
        {
            if (batches[i].Count > 0)
            {
                await outlets[i].WriteAsync(batches[i], cancellationToken);
                batches[i] = new List<JsonObject>(BatchSize);
            }
        }
    }

    /// <summary>Once all of a child's parents are done, its total is known: the sum of their rows.</summary>
    private void PublishChildTotals(WorkflowRun run, PlannedBlock planned)
    {
        foreach (var child in planned.Children)
        {
            var parents = child.Parents.Select(run.StateOf).ToList();
            if (parents.All(parent => parent.Output is not null))
            {
                run.StateOf(child).SetTotalCount(parents.Sum(parent => parent.Output!.RowCount), Now);
            }
        }
    }

    /// <summary>The parents' result files one after another, in batches as a channel would bring them.</summary>
    private static async IAsyncEnumerable<List<JsonObject>> ConcatenateParentsAsync(
        WorkflowRun run,
        PlannedBlock planned,
        IReadOnlyDictionary<PlannedBlock, TaskCompletionSource> finished,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.WhenAll(planned.Parents.Select(parent => finished[parent].Task)).WaitAsync(cancellationToken);
        var batch = new List<JsonObject>(BatchSize);
        foreach (var parent in planned.Parents)
        {
            await foreach (var row in RowFileReader.ReadAsync(run.StateOf(parent).Output!.RowsPath, cancellationToken))
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    yield return batch;
                    batch = new List<JsonObject>(BatchSize);
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Hands a block its input rows out of their batches, counting them as the block consumes them: a
    /// row counts as processed when the block asks for the next one (or the input ends), i.e. when it
    /// is done with it. The first row marks the block running. Unbatching here spares a layer of async
    /// iteration per row.
    /// </summary>
    private async IAsyncEnumerable<JsonObject> TrackAsync(IAsyncEnumerable<List<JsonObject>> batches, BlockRunState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var handedOut = false;
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            foreach (var row in batch)
            {
                if (handedOut)
                {
                    state.AddProcessed(Now);
                }
                else
                {
                    state.Start(Now);
                    handedOut = true;
                }

                yield return row;
            }
        }

        if (handedOut)
        {
            state.AddProcessed(Now);
        }

        state.Start(Now);
    }

    /// <summary><c>block_{sequence}_{block id}</c>, with anything unsafe in a file name replaced.</summary>
    /// <summary>Named after the run too, so the files of several runs can be saved side by side in one folder.</summary>
    private static string FileBaseName(Guid runId, PlannedBlock block) =>
        $"{runId:D}_block_{block.Definition.SequenceNumber}_{UnsafeFileNameCharacters().Replace(block.Id, "_")}";

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeFileNameCharacters();
}
