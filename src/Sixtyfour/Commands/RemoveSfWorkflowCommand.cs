using System;
using System.Management.Automation;
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

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (!ShouldProcess(id, "Delete workflow")) continue;
                if (TryAwait(token => Api.DeleteWorkflowAsync(id, token), id, out var deleted) && PassThru) WriteObject(deleted);
            }
        }
    }
}
