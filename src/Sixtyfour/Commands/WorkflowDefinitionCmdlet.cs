using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using Sixtyfour.Models;
using Sixtyfour.Serialization;

namespace Sixtyfour.Commands
{
    /// <summary>What New-SfWorkflow and Set-SfWorkflow share: a workflow given by values or by definition files.</summary>
    public abstract class WorkflowDefinitionCmdlet : SixtyfourCmdlet
    {
        protected const string ByValues = "Values";
        protected const string ByPath = "Path";
        protected const string ByLiteralPath = "LiteralPath";

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

        /// <summary>Definition files (Export-SfWorkflow writes them), as wildcard patterns: every file matched.</summary>
        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Definition files taken as written, so a name with [ or ] (Export-SfWorkflow writes them) is not a pattern.
        /// Get-ChildItem output binds here.
        /// </summary>
        [Parameter(ParameterSetName = ByLiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Whether the workflows come from definition files (-Path or -LiteralPath).</summary>
        protected bool FromFiles => ParameterSetName != ByValues;

        /// <summary>The workflows the definition files describe, each with the file it came from; an error for each file that cannot be read.</summary>
        protected IEnumerable<(string File, WorkflowDocument Document)> ReadFiles()
        {
            var literal = ParameterSetName == ByLiteralPath;
            foreach (var file in InputFiles.Resolve(this, literal ? LiteralPath : Path, literal, new[] { ".json" }, "a workflow definition file (.json)"))
            {
                WorkflowDocument document;
                try
                {
                    document = WorkflowDocument.Parse(File.ReadAllText(file));
                }
                catch (Exception e) when (e is JsonException || e is InvalidDataException || e is IOException)
                {
                    WriteError(ErrorRecords.Create(e, "InvalidDefinitionFile", ErrorCategory.InvalidData, file, $"'{file}' is not a workflow definition: {e.Message}",
                        "A definition file is what Export-SfWorkflow writes: id, workflow_name, workflow_description, workflow_definition."));
                    continue;
                }
                yield return (file, document);
            }
        }

        /// <summary>The -Definition value as the module's model, or null after writing an error.</summary>
        protected SfWorkflowDefinition? ReadDefinition()
        {
            if (Definition is null) return null;
            try
            {
                return WorkflowDocument.DefinitionFrom(Definition is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : Definition);
            }
            catch (Exception e) when (e is JsonException || e is InvalidDataException)
            {
                WriteError(ErrorRecords.Create(e, "InvalidDefinition", ErrorCategory.InvalidData, Definition, $"The definition cannot be read: {e.Message}",
                    "Give an object with 'blocks' and 'edges', as Get-SfWorkflow -IncludeDefinition shows, or its JSON."));
                return null;
            }
        }
    }
}
