using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Engine;

/// <summary>Run status values (<c>overall_status</c>, <c>GET /workflows/runs</c> status).</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>One run of a workflow: what it was asked to do and how far it got.</summary>
public sealed class WorkflowRun
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancellation = new();
    private string status = RunStatus.Queued;

    public WorkflowRun(
        Guid id,
        string workflowId,
        string workflowName,
        WorkflowPlan plan,
        IReadOnlyList<BlockRunState> blocks,
        IReadOnlySet<ResultFormat> formats,
        RunInputs inputs,
        JsonObject? specsOverride,
        string directory,
        DateTimeOffset queuedAt,
        decimal reservedCredits,
        RunVariations variations)
    {
        Id = id;
        WorkflowId = workflowId;
        WorkflowName = workflowName;
        Plan = plan;
        Blocks = blocks;
        Formats = formats;
        Inputs = inputs;
        SpecsOverride = specsOverride;
        Directory = directory;
        QueuedAt = queuedAt;
        LastUpdated = queuedAt;
        ReservedCredits = reservedCredits;
        Variations = variations;
    }

    public Guid Id { get; }

    public string WorkflowId { get; }

    public string WorkflowName { get; }

    public WorkflowPlan Plan { get; }

    /// <summary>One state per block, in the plan's execution order.</summary>
    public IReadOnlyList<BlockRunState> Blocks { get; }

    /// <summary>The formats the run was asked for; CSV is always among them.</summary>
    public IReadOnlySet<ResultFormat> Formats { get; }

    public RunInputs Inputs { get; }

    /// <summary>The request's <c>specs_override</c>, applied to the source block.</summary>
    public JsonObject? SpecsOverride { get; }

    /// <summary>Where this run's result files live.</summary>
    public string Directory { get; }

    public DateTimeOffset QueuedAt { get; }

    /// <summary>
    /// Read by the API without the lock, so a transition writes it last, after the times and reasons that go with
    /// the new status: a poll that sees a run completed also sees when it completed.
    /// </summary>
    public string Status
    {
        get => Volatile.Read(ref status);
        private set => Volatile.Write(ref status, value);
    }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset LastUpdated { get; private set; }

    public string? StatusReason { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>What variations chose for this run when it started.</summary>
    public RunVariations Variations { get; }

    /// <summary>The estimated cost taken off the balance when the run was queued.</summary>
    public decimal ReservedCredits { get; }

    /// <summary>Credits for the rows processed so far: each block's processed rows times its price.</summary>
    public decimal CreditsUsed => Blocks.Sum(state => state.ProcessedCount * state.Block.CreditsPerRow);

    /// <summary>What the run was charged, once it has settled with the ledger.</summary>
    public decimal? CreditsCharged { get; private set; }

    /// <summary>Signalled when the run is cancelled or fails, to stop every block.</summary>
    public CancellationToken Stopping => cancellation.Token;

    public bool IsTerminal
    {
        get
        {
            lock (gate)
            {
                // Any status but these two is an end: the end_status variation can set any string.
                return Status is not (RunStatus.Queued or RunStatus.Running);
            }
        }
    }

    public BlockRunState StateOf(PlannedBlock block) => Blocks.First(state => state.Planned == block);

    public BlockSpecs SpecsOf(PlannedBlock block) => EffectiveSpecs(block, SpecsOverride);

    /// <summary>A block's specs; <c>specs_override</c> ("override first block specs") applies to source blocks only.</summary>
    public static BlockSpecs EffectiveSpecs(PlannedBlock block, JsonObject? specsOverride)
    {
        var specs = new BlockSpecs(block.Definition.Specs);
        return block.Parents.Count == 0 ? specs.With(specsOverride) : specs;
    }

    /// <summary>Queued to running; false when the run was cancelled while it waited.</summary>
    public bool TryStart(DateTimeOffset now) => Transition(now, RunStatus.Running, [RunStatus.Queued], () => StartedAt = now);

    public void Complete(DateTimeOffset now) => Transition(now, RunStatus.Completed, [RunStatus.Running], () => CompletedAt = now);

    /// <summary>Fails the run (first failure wins) and stops its other blocks.</summary>
    public void Fail(string statusReason, string errorMessage, DateTimeOffset now) => Stop(RunStatus.Failed, statusReason, errorMessage, now);

    /// <summary>Cancels a queued or running run; false when it has already ended.</summary>
    public bool Cancel(DateTimeOffset now) => Stop(RunStatus.Cancelled, "cancelled_by_user", null, now);

    /// <summary>
    /// Ends the run with any <c>overall_status</c> (the end_status variation: timeout, terminated, ...)
    /// and stops its blocks; an end other than completed gets that status as its reason and a message.
    /// </summary>
    public void End(string status, DateTimeOffset now) =>
        Stop(status, status == RunStatus.Completed ? null : status, status == RunStatus.Completed ? null : $"The run ended with status '{status}'.", now);

    /// <summary>Moves a queued or running run to <paramref name="status"/> and stops every block; false when it has already ended.</summary>
    private bool Stop(string status, string? statusReason, string? errorMessage, DateTimeOffset now)
    {
        if (!Transition(now, status, [RunStatus.Queued, RunStatus.Running], () =>
            {
                CompletedAt = now;
                StatusReason = statusReason;
                ErrorMessage = errorMessage;
            }))
        {
            return false;
        }

        cancellation.Cancel();
        return true;
    }

    /// <summary>The run as saved to disk; see <see cref="RunRecord"/>.</summary>
    public RunRecord ToRecord()
    {
        lock (gate)
        {
            var graph = new WorkflowGraph(
                [.. Plan.Blocks.OrderBy(block => block.Definition.SequenceNumber).Select(block => block.Definition)],
                [.. Plan.Blocks.SelectMany(block => block.Children.Select(child => new WorkflowEdge(block.Id, child.Id, null)))]);
            return new RunRecord(
                Id, WorkflowId, WorkflowName, graph, SpecsOverride, [.. Formats.Select(format => format.Name)],
                Status, QueuedAt, StartedAt, CompletedAt, LastUpdated, StatusReason, ErrorMessage, ReservedCredits, CreditsCharged,
                [.. Blocks.Select(state => state.ToRecord())]);
        }
    }

    /// <summary>
    /// A run read back from disk after a restart. One that had not ended was cut off by the stop:
    /// it ends failed (<c>emulator_stopped</c>) and is charged for what it had processed.
    /// </summary>
    public static WorkflowRun Restore(RunRecord record, CompiledWorkflow compiled, string directory, DateTimeOffset now)
    {
        var states = compiled.Plan.Blocks
            .Select(block => new BlockRunState(block, compiled.Blocks[block], compiled.DataframeTypes[block], record.QueuedAt))
            .ToList();
        foreach (var state in states)
        {
            if (record.Blocks.FirstOrDefault(saved => saved.BlockId == state.Planned.Id) is { } saved)
            {
                state.Restore(saved, directory, now);
            }
        }

        var formats = record.Formats.Select(name => ResultFormat.FromName(name)!).ToHashSet();
        var run = new WorkflowRun(record.Id, record.WorkflowId, record.WorkflowName, compiled.Plan, states, formats, new RunInputs(null, 0), record.SpecsOverride, directory, record.QueuedAt, record.ReservedCredits, RunVariations.None)
        {
            Status = record.Status,
            StartedAt = record.StartedAt,
            CompletedAt = record.CompletedAt,
            LastUpdated = record.LastUpdated,
            StatusReason = record.StatusReason,
            ErrorMessage = record.ErrorMessage,
            CreditsCharged = record.CreditsCharged,
        };
        run.Fail(StoppedReason, StoppedMessage, now);
        return run;
    }

    public const string StoppedReason = "emulator_stopped";

    public const string StoppedMessage = "The emulator stopped while the run was in progress.";

    /// <summary>Returns the reservation and draws what the run used; only the first call counts.</summary>
    public void Settle(CreditLedger ledger)
    {
        lock (gate)
        {
            if (CreditsCharged is not null)
            {
                return;
            }

            CreditsCharged = CreditsUsed;
        }

        ledger.Settle(ReservedCredits, CreditsCharged.Value);
    }

    private bool Transition(DateTimeOffset now, string to, string[] from, Action apply)
    {
        lock (gate)
        {
            if (!from.Contains(Status))
            {
                return false;
            }

            apply();
            LastUpdated = now;
            Status = to;
            return true;
        }
    }
}
