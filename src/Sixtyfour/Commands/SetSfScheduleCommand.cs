using System;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Changes a schedule; only the fields given change. -Enabled:$false pauses it, -Enabled resumes it.</summary>
    [Cmdlet(VerbsCommon.Set, "SfSchedule", SupportsShouldProcess = true)]
    [OutputType(typeof(SfSchedule))]
    public sealed class SetSfScheduleCommand : SixtyfourCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ScheduleId { get; set; } = string.Empty;

        [Parameter]
        [ValidateLength(1, 120)]
        public string? Name { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Cron { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        public string? TimeZone { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public SwitchParameter Enabled { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            var body = new OrderedDictionary();
            if (Name != null) body["name"] = Name;
            if (Cron != null) body["cron_expression"] = Cron;
            if (TimeZone != null) body["timezone"] = TimeZone;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Description))) body["description"] = Description;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Enabled))) body["is_active"] = Enabled.IsPresent;
            if (body.Count == 0)
            {
                Error(ErrorRecords.Create("NothingToChange", ErrorCategory.InvalidArgument, ScheduleId, "No change was given.",
                    "Pass at least one of -Name, -Cron, -TimeZone, -Description, -Enabled."));
                return;
            }
            if (!await ShouldProcessAsync(ScheduleId, $"Change {string.Join(", ", body.Keys.Cast<string>())}").ConfigureAwait(false)) return;
            var (ok, schedule) = await Attempt(() => Api.UpdateScheduleAsync(ScheduleId, JsonBody.Serialize(body), token), ScheduleId).ConfigureAwait(false);
            if (ok) Emit(schedule);
        }
    }
}
