using System;
using System.Management.Automation;
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

        protected override void ProcessRecord()
        {
            if (ParameterSetName == List)
            {
                var workflowId = Workflow?.Id ?? WorkflowId;
                if (TryAwait(token => Api.ListSchedulesAsync(workflowId, token), workflowId, out var schedules)) WriteObject(schedules, enumerateCollection: true);
                return;
            }
            foreach (var id in ScheduleId)
                if (TryAwait(token => Api.GetScheduleAsync(id, token), id, out var schedule)) WriteObject(schedule);
        }
    }
}
