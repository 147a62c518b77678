using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Lists runs, newest first, or gets runs by job id with their live, per-block status.</summary>
    [Cmdlet(VerbsCommon.Get, "SfWorkflowRun", DefaultParameterSetName = List)]
    [OutputType(typeof(SfWorkflowRun))]
    public sealed class GetSfWorkflowRunCommand : SixtyfourCmdlet
    {
        private const string List = "List";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ById, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>active means queued or running.</summary>
        [Parameter(ParameterSetName = List)]
        [ValidateSet("active", "queued", "running", "completed", "failed", "cancelled", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = List)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string? WorkflowId { get; set; }

        /// <summary>
        /// Workflows from Get-SfWorkflow, to list their runs. Bound by type, not by a WorkflowId property, so that a
        /// piped run (which has one too) gets its own live status instead.
        /// </summary>
        [Parameter(ParameterSetName = List, ValueFromPipeline = true)]
        public SfWorkflow? Workflow { get; set; }

        /// <summary>How many runs at most (1–500); all the API lists (500, the most it gives in one answer) when omitted.</summary>
        [Parameter(ParameterSetName = List)]
        [ValidateRange(1, MaxListed)]
        public int First { get; set; } = MaxListed;

        /// <summary>The runs list has a limit (at most 500) and no paging.</summary>
        private const int MaxListed = 500;

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (ParameterSetName == List)
            {
                var workflowId = Workflow?.Id ?? WorkflowId;
                var firstGiven = MyInvocation.BoundParameters.ContainsKey(nameof(First));
                var (ok, runs) = await Attempt(() => Api.ListRunsAsync(Status?.ToLowerInvariant(), workflowId, First, token), workflowId).ConfigureAwait(false);
                if (!ok) return;
                EmitAll(runs);
                if (runs.Count >= MaxListed && !firstGiven)
                    Warning($"The API lists at most {MaxListed} runs, newest first, and has no further pages: older runs were left out. Narrow the list with -Status or -WorkflowId.");
                return;
            }
            foreach (var id in JobId)
            {
                var (ok, run) = await Attempt(() => Api.RefreshAsync(StartedRuns.Describe(id), token), id).ConfigureAwait(false);
                if (ok) Emit(run);
            }
        }
    }
}
