using System;
using System.Management.Automation;

namespace Sixtyfour.Commands
{
    /// <summary>Deletes schedules; the workflow and its past runs stay.</summary>
    [Cmdlet(VerbsCommon.Remove, "SfSchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveSfScheduleCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ScheduleId { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var id in ScheduleId)
                if (ShouldProcess(id, "Delete schedule")) TryAwait(async token => { await Api.DeleteScheduleAsync(id, token).ConfigureAwait(false); return true; }, id, out _);
        }
    }
}
