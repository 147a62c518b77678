using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Streams a completed run's result rows as objects (NDJSON keeps numbers, booleans and nesting; CSV rows are
    /// text, as Import-Csv gives them), or with -AsLink the result files' signed links.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SfWorkflowResult", DefaultParameterSetName = Rows)]
    [OutputType(typeof(PSObject), ParameterSetName = new[] { Rows })]
    [OutputType(typeof(SfResultLink), ParameterSetName = new[] { Links })]
    public sealed class GetSfWorkflowResultCommand : ResultCmdlet
    {
        private const string Rows = "Rows";
        private const string Links = "Links";

        /// <summary>csv, ndjson or json; when omitted, CSV (every run has it), or NDJSON/JSON for a run this session started asking for it.</summary>
        [Parameter]
        [ValidateSet("csv", "json", "ndjson", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>Outputs the result files' links (with row counts, sizes and signed URLs) instead of rows.</summary>
        [Parameter(ParameterSetName = Links, Mandatory = true)]
        public SwitchParameter AsLink { get; set; }

        private protected override string? RequestedFormat => Format?.ToLowerInvariant();

        private protected override bool AllBlocks => AsLink;

        private protected override bool ListsUnreadable => AsLink;

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            foreach (var id in JobId)
            {
                var links = await ResolveLinksAsync(id, token).ConfigureAwait(false);
                if (links is null) continue;
                if (AsLink)
                {
                    EmitAll(links);
                    continue;
                }
                var downloader = new ResultDownloader(Api);
                foreach (var link in links)
                {
                    Verbose($"Reading {link.RowCount} row(s) of {link.Filename}.");
                    // A transfer that breaks off is read again from the start: the rows already written are skipped,
                    // so each row arrives exactly once.
                    long delivered = 0;
                    // Said once, though a transfer read again from the start reads its header again.
                    var warned = false;
                    await Attempt(() => downloader.ReadAsync(link, async (body, attempt) =>
                    {
                        // Rows are read where they are written, on the pipeline thread, with blocking reads: no row
                        // crosses threads. What the reader throws goes back to the transfer, to be tried again or
                        // reported; what a write throws (a stop, a failure downstream) ends the command as it would anyway.
                        Exception? fromWrite = null;
                        var failure = await OnPipeline(() =>
                        {
                            long seen = 0;
                            try
                            {
                                ResultRowReader.Read(body, link.Format, row =>
                                {
                                    if (seen++ < delivered) return;
                                    delivered++;
                                    try { WriteObject(row); }
                                    catch (Exception e) { fromWrite = e; throw; }
                                }, text =>
                                {
                                    if (warned) return;
                                    warned = true;
                                    try { WriteWarning(text); }
                                    catch (Exception e) { fromWrite = e; throw; }
                                }, attempt);
                                return null;
                            }
                            catch (Exception e) when (e != fromWrite)
                            {
                                return ExceptionDispatchInfo.Capture(e);
                            }
                        }).ConfigureAwait(false);
                        failure?.Throw();
                    }, token), link, e => UnreadableResult(e, link)).ConfigureAwait(false);
                }
            }
        }

        /// <summary>A result file that cannot be read as rows (a malformed line, a header no row can stand for) can still be saved as it is.</summary>
        private static Task<ErrorRecord?> UnreadableResult(Exception e, SfResultLink link)
        {
            if (!(e is InvalidDataException)) return Task.FromResult<ErrorRecord?>(null);
            var record = ErrorRecords.From(e, link);
            record.ErrorDetails.RecommendedAction = "The rows before it were output. Save-SfWorkflowResult keeps the file as it is, to read as you need; if it comes again, the API may have changed: update the module.";
            return Task.FromResult<ErrorRecord?>(record);
        }
    }
}
