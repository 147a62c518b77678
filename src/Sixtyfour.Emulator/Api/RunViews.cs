using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Api;

/// <summary>Maps run state to the API's wire shapes.</summary>
public static class RunViews
{
    public const string StorageBucket = "sixtyfour-emulator";

    /// <summary>Inline <c>results</c> are included when a file has at most this many rows...</summary>
    public const int InlineRowLimit = 100;

    /// <summary>...and at most this many bytes.</summary>
    public const long InlineByteLimit = 64 * 1024;

    public static WorkflowLiveStatusResponse ToLiveStatus(WorkflowRun run)
    {
        var estimates = EstimateInputs(run);
        var blocks = run.Blocks.Select(state => ToBlockStatus(state, estimates[state].Rows)).ToList();
        var current = run.Blocks.Where(state => state.Status == BlockStatus.Running).MinBy(state => state.Planned.Definition.SequenceNumber);
        var lastUpdated = run.Blocks.Select(state => state.LastUpdated).Append(run.LastUpdated).Max();
        return new WorkflowLiveStatusResponse(
            run.Id.ToString("D"),
            run.WorkflowId,
            run.Status,
            current?.Planned.Definition.BlockName,
            current?.Planned.Definition.SequenceNumber,
            blocks.Count,
            blocks.Count(block => block.Status == BlockStatus.Completed),
            run.StartedAt,
            run.CompletedAt,
            lastUpdated,
            blocks,
            Math.Round(blocks.Average(block => block.ProgressPercentage), 1),
            run.IsTerminal ? null : run.Blocks.Select(state => estimates[state].BlockedBy).FirstOrDefault(name => name is not null));
    }

    public static WorkflowRunResponse ToRunResponse(WorkflowRun run)
    {
        var sources = run.Blocks.Where(state => state.Planned.Parents.Count == 0);
        var sinks = run.Blocks.Where(state => state.Planned.Children.Count == 0);
        var metrics = new JsonObject
        {
            ["rows_in"] = sources.Sum(state => state.RowCount),
            ["rows_out"] = sinks.Sum(state => state.RowCount),
            ["blocks_completed"] = run.Blocks.Count(state => state.Status == BlockStatus.Completed),
            ["credits_used"] = run.CreditsUsed,
        };
        return new WorkflowRunResponse(
            run.Id.ToString("D"),
            run.WorkflowId,
            run.WorkflowName,
            run.Status,
            WorkflowStore.CompletedStep,
            null,
            run.QueuedAt,
            run.LastUpdated,
            run.QueuedAt,
            run.StartedAt,
            run.CompletedAt,
            run is { StartedAt: { } started, CompletedAt: { } completed } ? (long)(completed - started).TotalMilliseconds : null,
            run.StatusReason,
            run.ErrorMessage,
            metrics,
            null,
            run.Blocks.Count);
    }

    /// <summary>One item per block that has finished its output, in <c>sequence_number</c> order; <paramref name="downloadUrl"/> links a result file name.</summary>
    public static async Task<List<WorkflowResultItemWithDownload>> ToDownloadItemsAsync(
        WorkflowRun run, ResultFormat format, Func<string, string> downloadUrl, int expiresInSeconds, CancellationToken cancellationToken)
    {
        var items = new List<WorkflowResultItemWithDownload>();
        foreach (var state in run.Blocks.Where(state => state.Output is not null).OrderBy(state => state.Planned.Definition.SequenceNumber))
        {
            var output = state.Output!;
            var file = output.For(format)!;
            var inline = output.RowCount <= InlineRowLimit && file.Size <= InlineByteLimit
                ? await RowFileReader.ReadAsync(output.RowsPath, cancellationToken).ToListAsync(cancellationToken)
                : null;
            items.Add(new WorkflowResultItemWithDownload(
                file.FileName,
                StorageBucket,
                file.Size,
                output.RowCount,
                state.Planned.Definition.SequenceNumber,
                output.CreatedAt,
                $"Output of block '{state.Planned.Id}' ({state.Planned.Definition.BlockName})",
                format.ContentType,
                downloadUrl(file.FileName),
                expiresInSeconds,
                inline));
        }

        return items;
    }

    private static BlockLiveStatus ToBlockStatus(BlockRunState state, long? estimate)
    {
        var total = state.TotalCount;
        var expected = total ?? estimate;
        var processed = state.ProcessedCount;
        var progress = state.Status switch
        {
            BlockStatus.Completed => 100.0,
            _ when expected > 0 => Math.Round(Math.Min(100.0, processed * 100.0 / expected.Value), 1),
            _ => 0.0,
        };
        var step = state.Status switch
        {
            BlockStatus.Pending => "Waiting for input",
            BlockStatus.Running => $"Processed {processed} of {(expected is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")} rows",
            _ => null,
        };
        return new BlockLiveStatus(
            state.Planned.Id,
            state.Planned.Definition.BlockName,
            state.Planned.Definition.SequenceNumber,
            [.. state.Planned.Parents.Select(parent => parent.Id)],
            state.Status,
            state.StartedAt,
            state.CompletedAt,
            progress,
            step,
            processed,
            total ?? 0,
            expected,
            state.LastUpdated,
            state.ErrorMessage,
            new BlockMetrics(state.RowCount, state.DataframeType, processed, total));
    }

    /// <summary>
    /// The expected input rows of each block whose total is not known yet, propagated through blocks
    /// that keep the row count; a block that can change the count (a filter, say) blocks estimates below it.
    /// </summary>
    private static Dictionary<BlockRunState, (long? Rows, string? BlockedBy)> EstimateInputs(WorkflowRun run)
    {
        var estimates = new Dictionary<BlockRunState, (long? Rows, string? BlockedBy)>();
        foreach (var state in run.Blocks)
        {
            if (state.TotalCount is { } known)
            {
                estimates[state] = (known, null);
                continue;
            }

            if (state.Planned.Parents.Count == 0)
            {
                estimates[state] = (null, state.Planned.Definition.BlockName);
                continue;
            }

            long? rows = 0;
            string? blockedBy = null;
            foreach (var parent in state.Planned.Parents.Select(run.StateOf))
            {
                var parentRows = parent.Output?.RowCount ?? (parent.Block.PreservesRowCount ? estimates[parent].Rows : null);
                if (parentRows is null)
                {
                    blockedBy ??= estimates[parent].BlockedBy ?? parent.Planned.Definition.BlockName;
                }

                rows += parentRows;
            }

            estimates[state] = (rows, blockedBy);
        }

        return estimates;
    }
}
