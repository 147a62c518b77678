using System;
using System.IO;
using System.Management.Automation;
using Sixtyfour.Client;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Uploads input files for read_csv workflows; the handle it outputs goes to Start-SfWorkflowRun -HandleId.</summary>
    [Cmdlet(VerbsCommunications.Send, "SfFile", SupportsShouldProcess = true, DefaultParameterSetName = ByPath)]
    [OutputType(typeof(SfUploadedFile))]
    public sealed class SendSfFileCommand : SixtyfourCmdlet
    {
        private const string ByPath = "Path";
        private const string ByLiteralPath = "LiteralPath";

        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ByLiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var file in InputFiles.Resolve(this, ParameterSetName == ByLiteralPath ? LiteralPath : Path, ParameterSetName == ByLiteralPath))
            {
                if (!ShouldProcess(file, "Upload")) continue;
                if (TryAwait(token => Api.UploadAsync(file, token), file, out var uploaded)) WriteObject(uploaded);
            }
        }
    }
}
