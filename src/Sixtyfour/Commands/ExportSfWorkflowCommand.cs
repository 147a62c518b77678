using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;
using Sixtyfour.Serialization;

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

        protected override void ProcessRecord()
        {
            var directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            foreach (var id in Id)
            {
                if (!TryAwait(token => Api.GetWorkflowAsync(id, token), id, out var workflow)) continue;
                var text = WorkflowDocument.FromWorkflow(workflow).ToFileText();
                var target = System.IO.Path.Combine(directory, FileName(workflow));
                if (File.Exists(target))
                {
                    // An identical file is left untouched: an export of what was deployed is no change at all.
                    if (File.ReadAllText(target, Utf8) == text) { WriteObject(Exported(target, workflow, unchanged: true)); continue; }
                    if (NoClobber)
                    {
                        WriteError(ErrorRecords.Create("DefinitionFileExists", ErrorCategory.ResourceExists, target, $"'{target}' exists and differs from workflow {id}.",
                            "Leave out -NoClobber to overwrite it, or export into another folder."));
                        continue;
                    }
                }
                if (!ShouldProcess(target, $"Export workflow {workflow.Name}")) continue;
                if (!OutputFolder.TryCreate(this, directory)) return;
                try
                {
                    File.WriteAllText(target, text, Utf8);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(OutputFolder.Failure(e, target));
                    continue;
                }
                WriteObject(Exported(target, workflow, unchanged: false));
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
