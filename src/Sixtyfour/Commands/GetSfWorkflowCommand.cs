using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                foreach (var id in Id)
                    if (TryAwait(token => Api.GetWorkflowAsync(id, token), id, out var workflow)) WriteObject(workflow);
                return;
            }

            // Strings piped in come one record at a time: the list is asked for once per command.
            if (_all is null)
            {
                if (!TryAwait(token => Api.ListWorkflowsAsync(token), null, out var listed)) return;
                _all = listed;
                WorkflowCache.Update(Api.Client.Connection, listed);
            }
            var all = _all;
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            // A name that is a workflow's id finds that workflow too, so ids piped as strings work.
            foreach (var workflow in all.Where(w => patterns is null || patterns.Any(p => p.IsMatch(w.Name))
                || (Name?.Contains(w.Id, StringComparer.OrdinalIgnoreCase) ?? false)))
            {
                if (!IncludeDefinition) WriteObject(workflow);
                else if (TryAwait(token => Api.GetWorkflowAsync(workflow.Id, token), workflow, out var detailed)) WriteObject(detailed);
            }
            // As Get-Process does: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
            foreach (var name in (Name ?? Array.Empty<string>()).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                if (!all.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(w.Id, name, StringComparison.OrdinalIgnoreCase)))
                    WriteError(ErrorRecords.Create("WorkflowNotFound", ErrorCategory.ObjectNotFound, name,
                        $"No workflow has the name or id '{name}'.", "Run Get-SfWorkflow to list the workflows of your organisation."));
        }
    }
}
