using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Cmdlets that read a completed run's results: which run, which format, which block's output.</summary>
    public abstract class ResultCmdlet : SixtyfourCmdlet
    {
        /// <summary>Job ids, or run objects (bound by their JobId property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>The block numbers whose output to read; the final block (the highest number) when omitted.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int[]? Block { get; set; }

        /// <summary>The format asked for, or null to let the cmdlet choose.</summary>
        protected abstract string? RequestedFormat { get; }

        /// <summary>Every block's output, not only the final one.</summary>
        protected virtual bool AllBlocks => false;

        /// <summary>
        /// The links to read for a run, or null after writing an error: the run must be completed, and the blocks asked
        /// for must have output. With no format asked for, NDJSON is taken when the run made it (it keeps types), else CSV.
        /// </summary>
        protected IReadOnlyList<SfResultLink>? ResolveLinks(string jobId)
        {
            var run = new SfWorkflowRun { JobId = jobId };
            if (!TryAwait(token => Api.RefreshAsync(run, token), jobId, out _)) return null;
            if (!RunStatus.IsCompleted(run.Status))
            {
                WriteError(ErrorRecords.Create("RunNotCompleted", ErrorCategory.InvalidOperation, run,
                    $"Run {jobId} is {run.Status}; only a completed run has results.",
                    RunStatus.IsTerminal(run.Status) ? "Start the workflow again." : "Wait for it first: ... | Wait-SfWorkflowRun | ..."));
                return null;
            }

            IReadOnlyList<SfResultLink> links;
            if (RequestedFormat is string format)
            {
                if (!TryAwait(token => Api.GetResultLinksAsync(jobId, format, token), run, out links)) return null;
            }
            else
            {
                try
                {
                    links = Await(async token =>
                    {
                        try
                        {
                            var typed = await Api.GetResultLinksAsync(jobId, "ndjson", token).ConfigureAwait(false);
                            if (typed.Count > 0) return typed;
                        }
                        catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.BadRequest || e.StatusCode == HttpStatusCode.NotFound)
                        {
                            // The run was started without NDJSON output; CSV is always there.
                        }
                        return await Api.GetResultLinksAsync(jobId, "csv", token).ConfigureAwait(false);
                    });
                }
                catch (Exception e) when (IsOperationalFailure(e))
                {
                    WriteError(ErrorRecords.From(e, run));
                    return null;
                }
            }

            if (links.Count == 0)
            {
                WriteError(ErrorRecords.Create("NoResults", ErrorCategory.ObjectNotFound, run, $"Run {jobId} has no {RequestedFormat ?? "csv"} result files.",
                    "Formats other than csv must be asked for when the run starts (Start-SfWorkflowRun -ResultFormat)."));
                return null;
            }
            if (Block is null) return AllBlocks ? links : new[] { links.Last() };

            var chosen = links.Where(l => l.BlockNumber is int n && Block.Contains(n)).ToList();
            foreach (var missing in Block.Where(b => !chosen.Any(l => l.BlockNumber == b)))
                WriteError(ErrorRecords.Create("BlockHasNoResult", ErrorCategory.ObjectNotFound, run,
                    $"Run {jobId} has no result for block {missing}; blocks with results: {string.Join(", ", links.Select(l => l.BlockNumber))}.",
                    "Pick one of the block numbers listed (Get-SfWorkflowResult -AsLink shows them)."));
            return chosen.Count == 0 ? null : chosen;
        }
    }
}
