using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Lists workflow schedules (all, or a workflow's), or gets them by id.</summary>
    [Cmdlet(VerbsCommon.Get, "SfSchedule", DefaultParameterSetName = List)]
    [OutputType(typeof(SfSchedule))]
    public sealed class GetSfScheduleCommand : SixtyfourCmdlet
    {
        private const string List = "List";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ById, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ScheduleId { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = List)]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? WorkflowId { get; set; }

        /// <summary>Workflows from Get-SfWorkflow, to list their schedules; bound by type so a piped schedule gets itself.</summary>
        [Parameter(ParameterSetName = List, ValueFromPipeline = true)]
        public SfWorkflow? Workflow { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (ParameterSetName == List)
            {
                var workflowId = Workflow?.Id ?? WorkflowId;
                var (listed, schedules) = await Attempt(() => Api.ListSchedulesAsync(workflowId, token), workflowId).ConfigureAwait(false);
                if (listed) EmitAll(schedules);
                return;
            }
            foreach (var id in ScheduleId)
            {
                var (ok, schedule) = await Attempt(() => Api.GetScheduleAsync(id, token), id).ConfigureAwait(false);
                if (ok) Emit(schedule);
            }
        }
    }
}
