using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>What New-SfWorkflow and Set-SfWorkflow share: a workflow given by values or by definition files.</summary>
    public abstract class WorkflowDefinitionCmdlet : DefinitionCmdlet
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected WorkflowDefinitionCmdlet() { }

        private protected const string ByValues = "Values";

        /// <summary>
        /// The DAG: a hashtable or object with blocks and edges (e.g. from ConvertFrom-Json), a JSON string, or the
        /// Definition of another workflow.
        /// </summary>
        [Parameter(ParameterSetName = ByValues)]
        [ValidateNotNull]
        public object? Definition { get; set; }

        [Parameter(ParameterSetName = ByValues)]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>Sends the definition without checking it first (the API still checks it).</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Whether the workflows come from definition files (-Path or -LiteralPath).</summary>
        private protected bool FromFiles => ParameterSetName != ByValues;

        /// <summary>The -Definition value as the module's model, or null after writing an error.</summary>
        private protected SfWorkflowDefinition? ReadDefinition() => Definition is null ? null : ReadDefinition(Definition);

        /// <summary>
        /// Whether the definition may be sent: an error naming what is wrong when the validator finds errors (nothing
        /// is sent then), a warning for each lesser finding. Always true with -SkipValidation or without a definition.
        /// </summary>
        private protected async Task<bool> ValidAsync(SfWorkflowDefinition? definition, object target, CancellationToken token)
        {
            if (SkipValidation || definition is null) return true;
            var findings = await FindingsAsync(definition, token).ConfigureAwait(false);
            foreach (var warning in findings.Where(f => f.Severity == SfFindingSeverity.Warning)) Warning(warning.ToString());
            var errors = findings.Where(f => f.Severity == SfFindingSeverity.Error).ToList();
            if (errors.Count == 0) return true;
            Error(ErrorRecords.Create("WorkflowInvalid", ErrorCategory.InvalidData, target,
                $"The definition has {errors.Count} error(s), so it was not sent:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
                "Fix the definition (Test-SfWorkflow lists what is wrong), or pass -SkipValidation to send it as it is."));
            return false;
        }
    }
}
