using System.Collections.Specialized;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Schedules a workflow to run on a 5-field cron expression in an IANA time zone.</summary>
    [Cmdlet(VerbsCommon.New, "SfSchedule", SupportsShouldProcess = true)]
    [OutputType(typeof(SfSchedule))]
    public sealed class NewSfScheduleCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string WorkflowId { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateLength(1, 120)]
        public string Name { get; set; } = string.Empty;

        /// <summary>Minute hour day-of-month month day-of-week, e.g. '0 6 * * 1-5' (06:00 on weekdays).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Cron { get; set; } = string.Empty;

        /// <summary>An IANA zone such as Europe/Paris; UTC when omitted.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        public string TimeZone { get; set; } = "UTC";

        [Parameter]
        public string? Description { get; set; }

        /// <summary>
        /// On when omitted; -Enabled:$false creates the schedule switched off, the same words Set-SfSchedule uses to
        /// pause one.
        /// </summary>
        [Parameter]
        public SwitchParameter Enabled { get; set; } = true;

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (!await ShouldProcessAsync(WorkflowId, $"Schedule '{Name}' at '{Cron}' ({TimeZone})").ConfigureAwait(false)) return;
            var body = new OrderedDictionary
            {
                ["workflow_id"] = WorkflowId,
                ["name"] = Name,
                ["cron_expression"] = Cron,
                ["timezone"] = TimeZone,
                ["description"] = Description,
                ["is_active"] = Enabled.IsPresent,
            };
            var (ok, schedule) = await Attempt(() => Api.CreateScheduleAsync(JsonBody.Serialize(body), token), WorkflowId).ConfigureAwait(false);
            if (ok) Emit(schedule);
        }
    }
}
