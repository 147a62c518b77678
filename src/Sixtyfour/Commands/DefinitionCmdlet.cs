using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Models;
using Sixtyfour.Validation;

namespace Sixtyfour.Commands
{
    /// <summary>What the commands that take workflow definitions share: definition files (-Path, -LiteralPath) and values, and checking them against the block catalog.</summary>
    public abstract class DefinitionCmdlet : SixtyfourCmdlet
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected DefinitionCmdlet() { }

        private protected const string ByPath = "Path";
        private protected const string ByLiteralPath = "LiteralPath";

        private WorkflowValidator? _validator;

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

        /// <summary>
        /// Runs <paramref name="body"/> for each workflow the definition files describe, with the file it came from; an
        /// error for each file that cannot be read. Paths are resolved on the pipeline thread.
        /// </summary>
        private protected Task ForEachFile(Func<string, WorkflowDocument, Task> body) => ForEachOnPipeline(ReadFiles(), entry => body(entry.File, entry.Document));

        private IEnumerable<(string File, WorkflowDocument Document)> ReadFiles()
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
                    Error(ErrorRecords.Create(e, "InvalidDefinitionFile", ErrorCategory.InvalidData, file, $"'{file}' is not a workflow definition: {e.Message}",
                        "A definition file is what Export-SfWorkflow writes: id, workflow_name, workflow_description, workflow_definition."));
                    continue;
                }
                yield return (file, document);
            }
        }

        /// <summary>A -Definition value as the module's model, or null after writing an error.</summary>
        private protected SfWorkflowDefinition? ReadDefinition(object definition)
        {
            try
            {
                return WorkflowDocument.DefinitionFrom(definition is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : definition);
            }
            catch (Exception e) when (e is JsonException || e is InvalidDataException)
            {
                Error(ErrorRecords.Create(e, "InvalidDefinition", ErrorCategory.InvalidData, definition, $"The definition cannot be read: {e.Message}",
                    "Give an object with 'blocks' and 'edges', as Get-SfWorkflow -IncludeDefinition shows, or its JSON."));
                return null;
            }
        }

        /// <summary>
        /// What is wrong with <paramref name="definition"/>. When the catalog cannot be fetched, a warning says so
        /// (once per command) and the graph is still checked; the API checks the rest when the definition is sent.
        /// </summary>
        private protected async Task<IReadOnlyList<SfWorkflowFinding>> FindingsAsync(SfWorkflowDefinition definition, CancellationToken token)
        {
            if (_validator is null)
            {
                IReadOnlyList<SfBlockType>? catalog = null;
                try
                {
                    catalog = await BlockCatalogCache.GetAsync(Api, token).ConfigureAwait(false);
                }
                catch (Exception e) when (ErrorRecords.IsOperational(e))
                {
                    Warning($"The block catalog could not be fetched, so block names and specs were not checked: {e.Message}");
                }
                _validator = new WorkflowValidator(catalog);
            }
            return _validator.Validate(definition);
        }
    }
}
