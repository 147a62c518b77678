using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Cmdlets that read a completed run's results: which run, which format, which block's output.</summary>
    public abstract class ResultCmdlet : SixtyfourCmdlet
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected ResultCmdlet() { }

        /// <summary>Job ids, or run objects (bound by their JobId property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>The block numbers whose output to read; the final block (the highest number) when omitted.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int[]? Block { get; set; }

        /// <summary>The format asked for, or null to let the cmdlet choose.</summary>
        private protected abstract string? RequestedFormat { get; }

        /// <summary>Every block's output, not only the final one.</summary>
        private protected virtual bool AllBlocks => false;

        /// <summary>
        /// The links to read for a run, or null after writing an error: the run must be completed, and the blocks asked
        /// for must have output. With no format asked for, CSV, which every run has; NDJSON (or JSON) only when this
        /// process started the run asking for it.
        /// </summary>
        private protected async Task<IReadOnlyList<SfResultLink>?> ResolveLinksAsync(string jobId, CancellationToken token)
        {
            var run = StartedRuns.Describe(jobId);
            if (!(await Attempt(() => Api.RefreshAsync(run, token), jobId).ConfigureAwait(false)).Ok) return null;
            if (!RunStatus.IsCompleted(run.Status))
            {
                Error(ErrorRecords.Create("RunNotCompleted", ErrorCategory.InvalidOperation, run,
                    $"Run {jobId} is {(string.IsNullOrEmpty(run.Status) ? "without a status" : run.Status)}; only a completed run has results.",
                    RunStatus.IsTerminal(run.Status) ? "Start the workflow again." : "Wait for it first: ... | Wait-SfWorkflowRun | ..."));
                return null;
            }

            var format = RequestedFormat ?? DefaultFormat(run);
            // Servers say "not made" with 400, 404 or 422; what matters to the user is the same.
            var (listed, links) = await Attempt(() => run.IsBulkJob ? Api.GetJobResultLinksAsync(jobId, format, token) : Api.GetResultLinksAsync(jobId, format, token), run,
                e => Task.FromResult(format != "csv" && e is SixtyfourApiException refused && IsRefusal(refused)
                    ? ErrorRecords.Create(e, "FormatNotAvailable", ErrorCategory.ObjectNotFound, run, $"Run {jobId} has no {format} results: {refused.Detail}",
                        $"Ask for {format} when the run starts (Start-SfWorkflowRun -ResultFormat {format}), or leave out -Format to read the CSV every run has.")
                    : null)).ConfigureAwait(false);
            if (!listed) return null;

            if (links.Count == 0)
            {
                Error(ErrorRecords.Create("NoResults", ErrorCategory.ObjectNotFound, run, $"Run {jobId} has no {format} result files.",
                    format == "csv" ? "The run made no output; look at its blocks with Get-SfWorkflowRun -JobId " + jobId + "."
                        : $"Ask for {format} when the run starts (Start-SfWorkflowRun -ResultFormat {format}), or leave out -Format for CSV."));
                return null;
            }
            IReadOnlyList<SfResultLink> chosen;
            if (Block != null)
            {
                chosen = links.Where(l => l.BlockNumber is int n && Block.Contains(n)).ToList();
                foreach (var missing in Block.Where(b => !chosen.Any(l => l.BlockNumber == b)))
                    Error(ErrorRecords.Create("BlockHasNoResult", ErrorCategory.ObjectNotFound, run,
                        $"Run {jobId} has no result for block {missing}; blocks with results: {string.Join(", ", links.Where(l => l.BlockNumber != null).Select(l => l.BlockNumber))}.",
                        "Pick one of the block numbers listed (Get-SfWorkflowResult -AsLink shows them)."));
            }
            else chosen = AllBlocks ? links : new[] { SixtyfourApi.FinalOutput(links)! };
            if (!ListsUnreadable) chosen = Readable(run, chosen);
            return chosen.Count == 0 ? null : chosen;
        }

        /// <summary>True for -AsLink: a link without a URL is still worth showing, with the API's message.</summary>
        private protected virtual bool ListsUnreadable => false;

        /// <summary>The links that can be fetched; each one the API could not sign becomes an error of its own.</summary>
        private IReadOnlyList<SfResultLink> Readable(SfWorkflowRun run, IReadOnlyList<SfResultLink> links)
        {
            foreach (var link in links.Where(l => string.IsNullOrEmpty(l.DownloadUrl)))
                Error(ErrorRecords.Create("ResultLinkMissing", ErrorCategory.ResourceUnavailable, link,
                    $"Run {run.JobId} lists {link.Filename} (block {link.BlockNumber?.ToString(CultureInfo.InvariantCulture) ?? "none"}) without a download URL{(string.IsNullOrEmpty(link.Message) ? "" : ": " + link.Message)}.",
                    "The service could not sign the link; ask again in a moment (links are signed anew on each request)."));
            return links.Where(l => !string.IsNullOrEmpty(l.DownloadUrl)).ToList();
        }

        private static string DefaultFormat(SfWorkflowRun run) =>
            run.ResultFormats.Contains("ndjson") ? "ndjson" : run.ResultFormats.Contains("json") ? "json" : "csv";

        private static bool IsRefusal(SixtyfourApiException e) =>
            e.StatusCode == HttpStatusCode.BadRequest || e.StatusCode == HttpStatusCode.NotFound || (int)e.StatusCode == 422;
    }
}
