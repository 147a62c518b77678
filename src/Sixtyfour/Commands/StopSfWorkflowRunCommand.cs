using System;
using System.Management.Automation;
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

        protected override void ProcessRecord()
        {
            foreach (var id in JobId)
            {
                if (!ShouldProcess(id, "Cancel run")) continue;
                if (!TryAwait(token => Api.CancelRunAsync(id, token), id, out var cancelled)) continue;
                WriteVerbose($"Run {id} is {cancelled.Status}.");
                if (PassThru && TryAwait(token => Api.RefreshAsync(new SfWorkflowRun { JobId = id }, token), id, out var run)) WriteObject(run);
            }
        }
    }
}
