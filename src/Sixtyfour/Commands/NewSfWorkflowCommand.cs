using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Creates a workflow from values or from definition files; an id that already exists is an error (use Set-SfWorkflow).</summary>
    [Cmdlet(VerbsCommon.New, "SfWorkflow", SupportsShouldProcess = true, DefaultParameterSetName = ByValues)]
    [OutputType(typeof(SfWorkflow))]
    public sealed class NewSfWorkflowCommand : WorkflowDefinitionCmdlet
    {
        [Parameter(ParameterSetName = ByValues, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>An id chosen by the client; the API makes one when omitted.</summary>
        [Parameter(ParameterSetName = ByValues)]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            if (FromFiles)
            {
                await ForEachFile((file, document) => Create(document, file, token)).ConfigureAwait(false);
                return;
            }
            var definition = ReadDefinition();
            if (definition is null && Definition != null) return;
            if (definition is null)
            {
                Error(ErrorRecords.Create("DefinitionMissing", ErrorCategory.InvalidArgument, Name, "A new workflow needs a definition.",
                    "Pass -Definition (blocks and edges), or -Path to a definition file."));
                return;
            }
            await Create(new WorkflowDocument { Id = Id, Name = Name, Description = Description ?? string.Empty, Definition = definition }, Name, token).ConfigureAwait(false);
        }

        private async Task Create(WorkflowDocument document, object target, CancellationToken token)
        {
            if (!await ValidAsync(document.Definition, target, token).ConfigureAwait(false)) return;
            if (!await ShouldProcessAsync(document.Name ?? document.Id ?? target.ToString(), "Create workflow").ConfigureAwait(false)) return;
            var (ok, created) = await Attempt(async () => WorkflowModels.Workflow(await Api.CreateWorkflowAsync(document.ToRequestBody(includeId: true), token).ConfigureAwait(false)), target).ConfigureAwait(false);
            if (ok) Emit(created);
        }
    }
}
