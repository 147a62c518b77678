using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Downloads a completed run's result files into a folder: the final output by default, every block's with -All.</summary>
    [Cmdlet(VerbsData.Save, "SfWorkflowResult", SupportsShouldProcess = true)]
    [OutputType(typeof(SfSavedResult))]
    public sealed class SaveSfWorkflowResultCommand : ResultCmdlet
    {
        private const int ProgressActivityId = 164;

        /// <summary>The folder to save into (made if missing); the current location when omitted.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        [ValidateSet("csv", "json", "ndjson", IgnoreCase = true)]
        public string Format { get; set; } = "csv";

        /// <summary>Saves the output of every block, not only the final one (the highest block number).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Overwrites files that already exist.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override string? RequestedFormat => Format.ToLowerInvariant();

        private protected override bool AllBlocks => All;

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            var directory = await OnPipeline(() => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path ?? ".")).ConfigureAwait(false);
            foreach (var id in JobId)
            {
                var links = await ResolveLinksAsync(id, token).ConfigureAwait(false);
                if (links is null) continue;
                if (!Directory.Exists(directory))
                {
                    if (!await ShouldProcessAsync(directory, "Create folder").ConfigureAwait(false)) return;
                    if (OutputFolder.Create(directory) is ErrorRecord notCreated)
                    {
                        Error(notCreated);
                        return;
                    }
                }
                var downloader = new ResultDownloader(Api);
                foreach (var link in links)
                {
                    var target = System.IO.Path.Combine(directory, ResultDownloader.SafeFileName(link.Filename));
                    if (!await ShouldProcessAsync(target, $"Save result of block {link.BlockNumber} of run {id}").ConfigureAwait(false)) continue;
                    var activity = $"Saving {link.Filename}";
                    var throttle = new ProgressThrottle();
                    void OnProgress(long done, long? total)
                    {
                        if (throttle.Ready()) Progress(Transferred(activity, done, total));
                    }
                    var (ok, saved) = await Attempt(() => downloader.SaveAsync(link, directory, Force, OnProgress, token), link).ConfigureAwait(false);
                    if (ok)
                    {
                        Progress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                        if (saved.Unchanged) Verbose($"'{saved.File.FullName}' already holds this result; left as it is.");
                        Emit(new SfSavedResult
                        {
                            Name = saved.File.Name, FullName = saved.File.FullName, Length = saved.File.Length, RowCount = link.RowCount,
                            JobId = id, BlockNumber = link.BlockNumber, Format = link.Format, Unchanged = saved.Unchanged,
                        });
                    }
                }
            }
        }

        private static ProgressRecord Transferred(string activity, long done, long? total) =>
            new ProgressRecord(ProgressActivityId, activity, total is long size ? $"{done:N0} of {size:N0} bytes" : $"{done:N0} bytes")
            {
                PercentComplete = total is long t && t > 0 ? (int)Math.Min(100, done * 100 / t) : -1,
            };
    }
}
