using System.Management.Automation;
using Sixtyfour.Models;
using Sixtyfour.Serialization;

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

        protected override void ProcessRecord()
        {
            if (FromFiles)
            {
                foreach (var (file, document) in ReadFiles()) Create(document, file);
                return;
            }
            var definition = ReadDefinition();
            if (definition is null && Definition != null) return;
            if (definition is null)
            {
                WriteError(ErrorRecords.Create("DefinitionMissing", ErrorCategory.InvalidArgument, Name, "A new workflow needs a definition.",
                    "Pass -Definition (blocks and edges), or -Path to a definition file."));
                return;
            }
            Create(new WorkflowDocument { Id = Id, Name = Name, Description = Description ?? string.Empty, Definition = definition }, Name);
        }

        private void Create(WorkflowDocument document, object target)
        {
            if (!Valid(document.Definition, target)) return;
            if (!ShouldProcess(document.Name ?? document.Id ?? target.ToString(), "Create workflow")) return;
            if (TryAwait(token => Api.CreateWorkflowAsync(document, token), target, out var created)) WriteObject(created);
        }
    }
}
