using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Checks workflow definitions against the block catalog without sending them: one finding per problem, nothing
    /// for a definition without any; with -Quiet, $true or $false per definition.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SfWorkflow", DefaultParameterSetName = ByDefinition)]
    [OutputType(typeof(SfWorkflowFinding), typeof(bool))]
    public sealed class TestSfWorkflowCommand : DefinitionCmdlet
    {
        private const string ByDefinition = "Definition";
        private const string ByWorkflow = "Workflow";

        /// <summary>The DAG: a hashtable or object with blocks and edges, a JSON string, or a workflow's Definition.</summary>
        [Parameter(ParameterSetName = ByDefinition, Mandatory = true)]
        [ValidateNotNull]
        public object Definition { get; set; } = null!;

        /// <summary>Workflows from Get-SfWorkflow; one listed without its definition is fetched with it.</summary>
        [Parameter(ParameterSetName = ByWorkflow, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SfWorkflow[] InputObject { get; set; } = Array.Empty<SfWorkflow>();

        /// <summary>Outputs $true when a definition has no errors (warnings do not count), $false otherwise, instead of the findings.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            switch (ParameterSetName)
            {
                case ByDefinition:
                    var definition = ReadDefinition(Definition);
                    if (definition != null) await Report(definition, null, token).ConfigureAwait(false);
                    break;
                case ByWorkflow:
                    foreach (var workflow in InputObject)
                    {
                        var detailed = workflow;
                        if (workflow.Definition is null)
                        {
                            bool ok;
                            (ok, detailed) = await Attempt(async () => WorkflowModels.Workflow(await Api.GetWorkflowAsync(workflow.Id, token).ConfigureAwait(false)), workflow).ConfigureAwait(false);
                            if (!ok) continue;
                        }
                        if (detailed.Definition is null) Missing(workflow, $"Workflow {workflow.Id} ({workflow.Name}) has no definition.");
                        else await Report(detailed.Definition, workflow.Name, token).ConfigureAwait(false);
                    }
                    break;
                default:
                    await ForEachFile(async (file, document) =>
                    {
                        if (document.Definition is null) Missing(file, $"'{file}' has no workflow_definition.");
                        else await Report(document.Definition, file, token).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                    break;
            }
        }

        private async Task Report(SfWorkflowDefinition definition, string? workflow, CancellationToken token)
        {
            var findings = await FindingsAsync(definition, token).ConfigureAwait(false);
            if (Quiet)
            {
                Emit(findings.All(f => f.Severity != SfFindingSeverity.Error));
                return;
            }
            foreach (var finding in findings)
            {
                finding.Workflow = workflow;
                Emit(finding);
            }
        }

        private void Missing(object target, string message) =>
            Error(ErrorRecords.Create("DefinitionMissing", ErrorCategory.InvalidData, target, message,
                "A definition has 'blocks' and 'edges'; Export-SfWorkflow writes files with one."));
    }
}
