using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Deletes workflow definitions. Their run history stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "SfWorkflow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SfWorkflow))]
    public sealed class RemoveSfWorkflowCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Outputs the deleted workflow.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            foreach (var id in Id)
            {
                if (!await ShouldProcessAsync(id, "Delete workflow").ConfigureAwait(false)) continue;
                var (ok, deleted) = await Attempt(async () => WorkflowModels.Workflow(await Api.DeleteWorkflowAsync(id, token).ConfigureAwait(false)), id).ConfigureAwait(false);
                if (ok && PassThru) Emit(deleted);
            }
        }
    }
}
