using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Lists workflows, by name with wildcards, or gets them by id.</summary>
    [Cmdlet(VerbsCommon.Get, "SfWorkflow", DefaultParameterSetName = ByName)]
    [OutputType(typeof(SfWorkflow))]
    public sealed class GetSfWorkflowCommand : SixtyfourCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        /// <summary>Names (wildcards allowed) or ids; strings piped in bind here.</summary>
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Gets each listed workflow's block graph too (one more request per workflow); -Id always includes it, and takes the switch too.</summary>
        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = ById)]
        public SwitchParameter IncludeDefinition { get; set; }

        private IReadOnlyList<SfWorkflow>? _all;

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (ParameterSetName == ById)
            {
                foreach (var id in Id)
                {
                    var (ok, workflow) = await Attempt(async () => WorkflowModels.Workflow(await Api.GetWorkflowAsync(id, token).ConfigureAwait(false)), id).ConfigureAwait(false);
                    if (ok) Emit(workflow);
                }
                return;
            }

            // Strings piped in come one record at a time: the list is asked for once per command.
            if (_all is null)
            {
                var (ok, listed) = await Attempt(async () => WorkflowModels.Workflows(await Api.ListWorkflowsAsync(token).ConfigureAwait(false)), null).ConfigureAwait(false);
                if (!ok) return;
                _all = listed;
                WorkflowCache.Update(Api.Client.Connection, listed);
            }
            var all = _all;
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            // A name that is a workflow's id finds that workflow too, so ids piped as strings work.
            foreach (var workflow in all.Where(w => patterns is null || patterns.Any(p => p.IsMatch(w.Name))
                || (Name?.Contains(w.Id, StringComparer.OrdinalIgnoreCase) ?? false)))
            {
                if (!IncludeDefinition)
                {
                    Emit(workflow);
                    continue;
                }
                var (ok, detailed) = await Attempt(async () => WorkflowModels.Workflow(await Api.GetWorkflowAsync(workflow.Id, token).ConfigureAwait(false)), workflow).ConfigureAwait(false);
                if (ok) Emit(detailed);
            }
            // As Get-Process does: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
            foreach (var name in (Name ?? Array.Empty<string>()).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                if (!all.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(w.Id, name, StringComparison.OrdinalIgnoreCase)))
                    Error(ErrorRecords.Create("WorkflowNotFound", ErrorCategory.ObjectNotFound, name,
                        $"No workflow has the name or id '{name}'.", "Run Get-SfWorkflow to list the workflows of your organisation."));
        }
    }
}
