using System;
using System.Collections.Generic;
using Sixtyfour.Models;

namespace Sixtyfour.Client
{
    /// <summary>What this process knows of a run or job because it started it: things the API does not say again later.</summary>
    internal sealed class StartedRun
    {
        public StartedRun(string jobId, DateTime startedAtUtc, IReadOnlyList<string> resultFormats, string? workflowName, bool isBulkJob)
        {
            JobId = jobId;
            StartedAtUtc = startedAtUtc;
            ResultFormats = resultFormats;
            WorkflowName = workflowName;
            IsBulkJob = isBulkJob;
        }

        public string JobId { get; }
        /// <summary>When the start was answered, by this machine's clock: live_status may not know the run for a moment after.</summary>
        public DateTime StartedAtUtc { get; }
        public IReadOnlyList<string> ResultFormats { get; }
        public string? WorkflowName { get; }
        /// <summary>Bulk Intelligence jobs are followed through job-status, not live_status.</summary>
        public bool IsBulkJob { get; }
    }

    /// <summary>
    /// The runs and jobs this process started, by job id, so that a run piped on as a bare id (Wait-SfWorkflowRun and
    /// the result commands bind JobId) keeps its result formats, its workflow's name and its kind. Bounded: the oldest
    /// entries go first.
    /// </summary>
    internal static class StartedRuns
    {
        private const int Capacity = 10000;
        private static readonly Dictionary<string, StartedRun> Runs = new Dictionary<string, StartedRun>(StringComparer.OrdinalIgnoreCase);
        private static readonly Queue<string> Order = new Queue<string>();

        public static void Record(StartedRun run)
        {
            lock (Runs)
            {
                if (!Runs.ContainsKey(run.JobId)) Order.Enqueue(run.JobId);
                Runs[run.JobId] = run;
                while (Order.Count > Capacity) Runs.Remove(Order.Dequeue());
            }
        }

        public static StartedRun? Find(string jobId)
        {
            lock (Runs) return Runs.TryGetValue(jobId, out var run) ? run : null;
        }

        /// <summary>The runs and jobs this process started, newest first (for Tab completion of -JobId).</summary>
        public static IReadOnlyList<StartedRun> Recent()
        {
            lock (Runs)
            {
                var recent = new List<StartedRun>(Runs.Values);
                recent.Sort((a, b) => b.StartedAtUtc.CompareTo(a.StartedAtUtc));
                return recent;
            }
        }

        /// <summary>A run object for <paramref name="jobId"/> with what this process knows of it.</summary>
        public static SfWorkflowRun Describe(string jobId)
        {
            var run = new SfWorkflowRun { JobId = jobId };
            if (Find(jobId) is StartedRun known)
            {
                run.ResultFormats = known.ResultFormats;
                run.WorkflowName = known.WorkflowName;
                run.IsBulkJob = known.IsBulkJob;
            }
            return run;
        }
    }
}
