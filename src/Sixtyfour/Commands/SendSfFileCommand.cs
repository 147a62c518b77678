using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>The input file's encoding when it is not UTF-8 (unicode, windows-1252, latin1, a code page, …): it is converted to UTF-8 while it is sent.</summary>
        [Parameter(ParameterSetName = ByPath)]
        [Parameter(ParameterSetName = ByLiteralPath)]
        [ValidateNotNullOrEmpty]
        public string? Encoding { get; set; }

        private System.Text.Encoding? _encoding;

        protected override void BeginProcessing()
        {
            _encoding = InputFiles.EncodingOf(this, Encoding);
            base.BeginProcessing();
        }

        private protected override Task ProcessRecordAsync(CancellationToken token) =>
            ForEachOnPipeline(InputFiles.Resolve(this, ParameterSetName == ByLiteralPath ? LiteralPath : Path, ParameterSetName == ByLiteralPath, _encoding), async file =>
            {
                if (!await ShouldProcessAsync(file, "Upload").ConfigureAwait(false)) return;
                var (ok, uploaded) = await Attempt(() => Api.UploadAsync(file, token, _encoding), file).ConfigureAwait(false);
                if (ok) Emit(uploaded);
            });
    }
}
