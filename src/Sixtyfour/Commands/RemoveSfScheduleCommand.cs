using System;
using System.Management.Automation;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Deletes schedules; the workflow and its past runs stay.</summary>
    [Cmdlet(VerbsCommon.Remove, "SfSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SfSchedule))]
    public sealed class RemoveSfScheduleCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ScheduleId { get; set; } = Array.Empty<string>();

        /// <summary>Outputs each schedule as it was before it was removed, as Remove-SfWorkflow -PassThru does.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in ScheduleId)
            {
                if (!ShouldProcess(id, "Delete schedule")) continue;
                // The delete answers with no documented body: the schedule is read first, for -PassThru.
                SfSchedule? removed = null;
                if (PassThru && !TryAwait(token => Api.GetScheduleAsync(id, token), id, out removed)) continue;
                if (TryAwait(async token => { await Api.DeleteScheduleAsync(id, token).ConfigureAwait(false); return true; }, id, out _) && removed != null)
                    WriteObject(removed);
            }
        }
    }
}
