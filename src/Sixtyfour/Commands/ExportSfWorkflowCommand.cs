using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Sixtyfour.Client;
using Sixtyfour.Serialization;

using Sixtyfour.Completers;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Writes workflows as definition files (&lt;name&gt;.json) that Set-SfWorkflow reads back unchanged: keep a folder
    /// of them in source control and deploy it with Get-ChildItem *.json | Set-SfWorkflow.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SfWorkflow", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
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
                var target = System.IO.Path.Combine(directory, ResultDownloader.SafeFileName(workflow.Name) + ".json");
                if (File.Exists(target))
                {
                    // An identical file is left untouched: an export of what was deployed is no change at all.
                    if (File.ReadAllText(target, Utf8) == text) { WriteObject(new FileInfo(target)); continue; }
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
                WriteObject(new FileInfo(target));
            }
        }
    }
}
