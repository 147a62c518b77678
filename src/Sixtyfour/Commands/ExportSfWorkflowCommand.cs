using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Writes workflows as definition files ("&lt;name&gt; (&lt;id tag&gt;).json") that Set-SfWorkflow reads back unchanged:
    /// keep a folder of them in source control and deploy it with Get-ChildItem *.json | Set-SfWorkflow.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SfWorkflow", SupportsShouldProcess = true)]
    [OutputType(typeof(SfExportedWorkflow))]
    public sealed class ExportSfWorkflowCommand : SixtyfourCmdlet
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkflowId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The folder to write into (made if missing).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Refuses to replace a file that differs, instead of overwriting it.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            var directory = await OnPipeline(() => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path)).ConfigureAwait(false);
            foreach (var id in Id)
            {
                var (ok, workflow) = await Attempt(async () => WorkflowModels.Workflow(await Api.GetWorkflowAsync(id, token).ConfigureAwait(false)), id).ConfigureAwait(false);
                if (!ok) continue;
                var text = WorkflowDocument.FromWorkflow(workflow).ToFileText();
                var target = System.IO.Path.Combine(directory, FileName(workflow));
                if (File.Exists(target))
                {
                    // An identical file is left untouched: an export of what was deployed is no change at all.
                    if (File.ReadAllText(target, Utf8) == text) { Emit(Exported(target, workflow, unchanged: true)); continue; }
                    if (NoClobber)
                    {
                        Error(ErrorRecords.Create("DefinitionFileExists", ErrorCategory.ResourceExists, target, $"'{target}' exists and differs from workflow {id}.",
                            "Leave out -NoClobber to overwrite it, or export into another folder."));
                        continue;
                    }
                }
                if (!await ShouldProcessAsync(target, $"Export workflow {workflow.Name}").ConfigureAwait(false)) continue;
                if (OutputFolder.Create(directory) is ErrorRecord notCreated)
                {
                    Error(notCreated);
                    return;
                }
                try
                {
                    File.WriteAllText(target, text, Utf8);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    Error(OutputFolder.Failure(e, target));
                    continue;
                }
                Emit(Exported(target, workflow, unchanged: false));
            }
        }

        private static SfExportedWorkflow Exported(string path, SfWorkflow workflow, bool unchanged)
        {
            var file = new FileInfo(path);
            return new SfExportedWorkflow
            {
                Name = file.Name, FullName = file.FullName, Length = file.Length, WorkflowId = workflow.Id, WorkflowName = workflow.Name, Unchanged = unchanged,
            };
        }

        /// <summary>
        /// The workflow's file name: its name with the characters a file name cannot hold replaced, none cut off (so
        /// "a/b: c" keeps its "a"), then a tag made from its id, because names are not unique and may differ only in
        /// case. The tag is the first 8 hex digits of the id's SHA-256: the same for the same workflow on every export,
        /// different between workflows whatever their ids look like (client-chosen ids may share a prefix).
        /// </summary>
        internal static string FileName(SfWorkflow workflow)
        {
            var name = (workflow.Name ?? string.Empty).Replace('/', '_').Replace('\\', '_');
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(workflow.Id));
            var tag = BitConverter.ToString(hash, 0, 4).Replace("-", string.Empty).ToLowerInvariant();
            return ResultDownloader.SafeFileName($"{name} ({tag}).json");
        }
    }
}
