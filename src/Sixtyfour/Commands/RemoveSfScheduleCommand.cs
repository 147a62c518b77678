using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            foreach (var id in ScheduleId)
            {
                if (!await ShouldProcessAsync(id, "Delete schedule").ConfigureAwait(false)) continue;
                // The delete answers with no documented body: the schedule is read first, for -PassThru.
                SfSchedule? removed = null;
                if (PassThru)
                {
                    var (read, schedule) = await Attempt(() => Api.GetScheduleAsync(id, token), id).ConfigureAwait(false);
                    if (!read) continue;
                    removed = schedule;
                }
                if (await Attempt(() => Api.DeleteScheduleAsync(id, token), id).ConfigureAwait(false) && removed != null) Emit(removed);
            }
        }
    }
}
