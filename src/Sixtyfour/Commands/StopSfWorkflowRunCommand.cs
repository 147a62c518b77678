using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Cancels runs. Result files of blocks that finished stay downloadable.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "SfWorkflowRun", SupportsShouldProcess = true)]
    [OutputType(typeof(SfWorkflowRun))]
    public sealed class StopSfWorkflowRunCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>Outputs the run, as the API reports it after the cancel.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            foreach (var id in JobId)
            {
                if (!await ShouldProcessAsync(id, "Cancel run").ConfigureAwait(false)) continue;
                var (ok, cancelled) = await Attempt(() => Api.CancelRunAsync(id, token), id).ConfigureAwait(false);
                if (!ok) continue;
                Verbose($"Run {id} is {cancelled.Status}.");
                if (!PassThru) continue;
                var (read, run) = await Attempt(() => Api.RefreshAsync(new SfWorkflowRun { JobId = id }, token), id).ConfigureAwait(false);
                if (read) Emit(run);
            }
        }
    }
}
