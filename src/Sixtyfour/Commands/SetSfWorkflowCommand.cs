using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Changes a workflow, or creates it when its id does not exist (update_workflow is an upsert). A workflow that
    /// already matches is left alone, so deploying a folder of definitions twice changes nothing the second time.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SfWorkflow", SupportsShouldProcess = true, DefaultParameterSetName = ByValues)]
    [OutputType(typeof(SfWorkflow))]
    public sealed class SetSfWorkflowCommand : WorkflowDefinitionCmdlet
    {
        [Parameter(ParameterSetName = ByValues, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ByValues)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (FromFiles)
            {
                await ForEachFile(async (file, document) =>
                {
                    if (string.IsNullOrEmpty(document.Id))
                    {
                        Error(ErrorRecords.Create("DefinitionWithoutId", ErrorCategory.InvalidData, file, $"'{file}' has no id, so there is no workflow to set.",
                            "Add an \"id\" (a UUID) to the file, or create the workflow with New-SfWorkflow -Path."));
                        return;
                    }
                    await Apply(document.Id!, document, file, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
                return;
            }
            var definition = ReadDefinition();
            if (definition is null && Definition != null) return;
            await Apply(Id, new WorkflowDocument { Id = Id, Name = Name, Description = Description, Definition = definition }, Id, token).ConfigureAwait(false);
        }

        private async Task Apply(string id, WorkflowDocument desired, object target, CancellationToken token)
        {
            if (!await ValidAsync(desired.Definition, target, token).ConfigureAwait(false)) return;
            var (found, current) = await Attempt(async () => await Api.FindWorkflowAsync(id, token).ConfigureAwait(false) is { } found ? WorkflowModels.Workflow(found) : null, target).ConfigureAwait(false);
            if (!found) return;
            if (current != null && Merge(desired, current).SameAs(WorkflowDocument.FromWorkflow(current)))
            {
                Verbose($"Workflow {id} ({current.Name}) is already up to date.");
                Emit(current);
                return;
            }
            if (current is null && desired.Definition is null)
            {
                Error(ErrorRecords.Create("DefinitionMissing", ErrorCategory.InvalidArgument, target, $"Workflow {id} does not exist, and creating it needs a definition.",
                    "Pass -Definition, or use a definition file."));
                return;
            }
            if (!await ShouldProcessAsync($"{desired.Name ?? current?.Name} ({id})", current is null ? "Create workflow" : "Update workflow").ConfigureAwait(false)) return;
            var (ok, updated) = await Attempt(async () => WorkflowModels.Workflow(await Api.UpdateWorkflowAsync(id, desired.ToRequestBody(includeId: false), token).ConfigureAwait(false)), target).ConfigureAwait(false);
            if (ok) Emit(updated);
        }

        /// <summary>Fields not given keep their current values, as the API does with a partial update.</summary>
        private static WorkflowDocument Merge(WorkflowDocument desired, SfWorkflow current) => new WorkflowDocument
        {
            Id = current.Id,
            Name = desired.Name ?? current.Name,
            Description = desired.Description ?? current.Description,
            Definition = desired.Definition ?? current.Definition,
        };
    }
}
