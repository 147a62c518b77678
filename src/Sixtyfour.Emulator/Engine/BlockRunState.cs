using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine;

/// <summary>Block status values as <c>live_status</c> reports them.</summary>
public static class BlockStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Not in the spec's list: a block interrupted because the run was cancelled or another block failed.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>The live state of one block in one run; updated by the executor, read by the API.</summary>
public sealed class BlockRunState(PlannedBlock planned, IBlock block, string dataframeType, DateTimeOffset createdAt)
{
    private readonly Lock gate = new();
    private long processedCount;
    private long rowCount;
    private long? totalCount;
    private string status = BlockStatus.Pending;

    /// <summary>UTC ticks of <see cref="LastUpdated"/>: written per row without the lock, read whole.</summary>
    private long lastUpdatedTicks = createdAt.UtcTicks;

    public PlannedBlock Planned { get; } = planned;

    public IBlock Block { get; } = block;

    public string DataframeType { get; } = dataframeType;

    /// <summary>Read by the API without the lock: a transition writes it last, after the output and times that go with it.</summary>
    public string Status
    {
        get => Volatile.Read(ref status);
        private set => Volatile.Write(ref status, value);
    }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset LastUpdated
    {
        get => new(Interlocked.Read(ref lastUpdatedTicks), TimeSpan.Zero);
        private set => Interlocked.Exchange(ref lastUpdatedTicks, value.UtcTicks);
    }

    public string? ErrorMessage { get; private set; }

    /// <summary>The block's result files, once it has completed.</summary>
    public BlockOutput? Output { get; private set; }

    /// <summary>Input rows consumed (sources: rows emitted).</summary>
    public long ProcessedCount => Interlocked.Read(ref processedCount);

    /// <summary>Rows emitted.</summary>
    public long RowCount => Interlocked.Read(ref rowCount);

    /// <summary>The number of rows the block will process, once known.</summary>
    public long? TotalCount
    {
        get
        {
            lock (gate)
            {
                return totalCount;
            }
        }
    }

    public void Start(DateTimeOffset now) => Transition(now, BlockStatus.Pending, BlockStatus.Running, () => StartedAt = now);

    public void AddProcessed(DateTimeOffset now)
    {
        Interlocked.Increment(ref processedCount);
        Touch(now);
    }

    public void AddRow(DateTimeOffset now)
    {
        Interlocked.Increment(ref rowCount);
        Touch(now);
    }

    public void SetTotalCount(long count, DateTimeOffset now)
    {
        lock (gate)
        {
            totalCount ??= count;
            LastUpdated = now;
        }
    }

    public void Complete(BlockOutput output, DateTimeOffset now) => Transition(now, BlockStatus.Running, BlockStatus.Completed, () =>
    {
        Output = output;
        CompletedAt = now;
        totalCount ??= ProcessedCount;
    });

    /// <summary>Fails the block; also from pending, since a block can fail on its specs before its first row.</summary>
    public void Fail(string message, DateTimeOffset now)
    {
        Transition(now, BlockStatus.Pending, BlockStatus.Running, () => StartedAt = now);
        Transition(now, BlockStatus.Running, BlockStatus.Failed, () =>
        {
            ErrorMessage = message;
            CompletedAt = now;
        });
    }

    /// <summary>Marks a running block interrupted; pending blocks stay pending (they never started).</summary>
    public void Cancel(DateTimeOffset now) => Transition(now, BlockStatus.Running, BlockStatus.Cancelled, () => CompletedAt = now);

    public BlockRecord ToRecord()
    {
        lock (gate)
        {
            var output = Output is { } done
                ? new BlockOutputRecord(done.RowCount, done.CreatedAt, [.. done.Files.Select(file => new ResultFileRecord(file.Format.Name, file.FileName, file.Size))])
                : null;
            return new BlockRecord(Planned.Id, Status, StartedAt, CompletedAt, LastUpdated, ErrorMessage, ProcessedCount, RowCount, totalCount, output);
        }
    }

    /// <summary>
    /// Takes a saved state back (files in <paramref name="directory"/>). A block saved as running was
    /// cut off when the emulator stopped, so it comes back interrupted, as a cancel would leave it.
    /// </summary>
    public void Restore(BlockRecord record, string directory, DateTimeOffset stoppedAt)
    {
        lock (gate)
        {
            Status = record.Status == BlockStatus.Running ? BlockStatus.Cancelled : record.Status;
            StartedAt = record.StartedAt;
            CompletedAt = record.Status == BlockStatus.Running ? stoppedAt : record.CompletedAt;
            LastUpdated = record.LastUpdated;
            ErrorMessage = record.ErrorMessage;
            processedCount = record.ProcessedCount;
            rowCount = record.RowCount;
            totalCount = record.TotalCount;
            Output = record.Output is { } output
                ? new BlockOutput(output.RowCount, output.CreatedAt, [.. output.Files.Select(file => new ResultFile(ResultFormat.FromName(file.Format)!, file.FileName, Path.Combine(directory, file.FileName), file.Size))])
                : null;
        }
    }

    private void Touch(DateTimeOffset now) => LastUpdated = now;

    private void Transition(DateTimeOffset now, string from, string to, Action apply)
    {
        lock (gate)
        {
            if (Status != from)
            {
                return;
            }

            apply();
            LastUpdated = now;
            Status = to;
        }
    }
}
