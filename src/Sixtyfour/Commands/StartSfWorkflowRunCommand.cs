using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Starts a workflow run: with records from the pipeline (sent as webhook_payload), with a file (uploaded, then read
    /// by the workflow's read_csv block), or with the handle of a file uploaded before.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "SfWorkflowRun", SupportsShouldProcess = true, DefaultParameterSetName = ByRecords)]
    [OutputType(typeof(SfWorkflowRun))]
    public sealed class StartSfWorkflowRunCommand : RunWaitingCmdlet
    {
        private const string ByRecords = "Records";
        private const string ByPath = "Path";
        private const string ByLiteralPath = "LiteralPath";
        private const string ByHandle = "Handle";
        /// <summary>How far the service's clock may be behind this machine's when runs queued "since the request" are looked for.</summary>
        private static readonly TimeSpan StartClockSkew = TimeSpan.FromSeconds(30);

        private PayloadSpool? _spool;
        /// <summary>The batch being sent while the next one is read: at most one, joined before the next is sent, so runs come out in order.</summary>
        private PendingStart? _sending;
        private readonly Dictionary<string, SfUploadedFile> _uploads = new Dictionary<string, SfUploadedFile>(StringComparer.OrdinalIgnoreCase);
        private readonly List<SfWorkflowRun> _started = new List<SfWorkflowRun>();
        private bool _attempted;
        private int _starts;
        private long _received;

        /// <summary>
        /// With records the workflow id is never taken from the pipeline: a record's own id or workflow_id column is data.
        /// </summary>
        [Parameter(ParameterSetName = ByRecords, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByLiteralPath, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByHandle, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WorkflowIdCompleter))]
        public string WorkflowId { get; set; } = string.Empty;

        /// <summary>One input row: a PSCustomObject (Import-Csv, ConvertFrom-Json), a hashtable, or any object.</summary>
        [Parameter(ParameterSetName = ByRecords, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Input files, as wildcard patterns: one run per file matched.</summary>
        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Input files, taken as written (no wildcards): one run per file. Files piped from Get-ChildItem are taken so too.</summary>
        [Parameter(ParameterSetName = ByLiteralPath, Mandatory = true)]
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

        [Parameter(ParameterSetName = ByHandle, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string HandleId { get; set; } = string.Empty;

        /// <summary>Starts a run for every this many piped records, instead of one run for all of them.</summary>
        [Parameter(ParameterSetName = ByRecords)]
        [ValidateRange(1, int.MaxValue)]
        public int BatchSize { get; set; }

        /// <summary>Extra result formats; CSV is always produced.</summary>
        [Parameter]
        [ValidateSet("csv", "json", "ndjson", IgnoreCase = true)]
        public string[] ResultFormat { get; set; } = Array.Empty<string>();

        /// <summary>Overrides of the first block's specs (specs_override).</summary>
        [Parameter]
        public Hashtable? SpecsOverride { get; set; }

        /// <summary>
        /// Sent as the Idempotency-Key header: a repeat with the same key returns the first run. A new key is made per
        /// run when omitted. When one command starts several runs (-BatchSize, several workflows piped in), the second
        /// and later ones use key-2, key-3, … so that each batch stays its own run and each is safe to repeat.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdempotencyKey { get; set; }

        /// <summary>Waits for the run to end and outputs it then (as Wait-SfWorkflowRun does).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private protected override Task ProcessRecordAsync(CancellationToken token)
        {
            switch (ParameterSetName)
            {
                case ByRecords:
                    // Without pipeline input ProcessRecord still runs once, with nothing bound: that is no record. A
                    // piped $null is one, and the serializer refuses it as it refuses a string.
                    if (InputObject is null && !MyInvocation.ExpectingInput) return Task.CompletedTask;
                    // PowerShell binds any piped object to InputObject before it tries HandleId by property name,
                    // so an uploaded file from Send-SfFile arrives here; it means "run on this file", not a record.
                    if (InputObject?.BaseObject is SfUploadedFile uploaded)
                        return StartOnHandle(uploaded.HandleId, uploaded.Name, token);
                    if (InputFiles.Piped(InputObject) is string piped)
                    {
                        _attempted = true; // a file is input too: no NoInputRecords at the end
                        return StartOnFiles(new[] { piped }, literal: true, token);
                    }
                    _spool ??= new PayloadSpool(SpecsOverride);
                    try
                    {
                        _spool.Add(InputObject);
                        _received++;
                    }
                    catch (InvalidDataException e)
                    {
                        Error(ErrorRecords.InvalidRecord(e, InputObject));
                    }
                    return BatchSize > 0 && _spool.Count >= BatchSize ? StartBatch(token) : Task.CompletedTask;
                case ByPath:
                    return StartOnFiles(Path, literal: false, token);
                case ByLiteralPath:
                    return StartOnFiles(LiteralPath, literal: true, token);
                default:
                    return StartOnHandle(HandleId, HandleId, token);
            }
        }

        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            if (ParameterSetName == ByRecords)
            {
                if (_received == 0 && !_attempted)
                {
                    Error(ErrorRecords.Create("NoInputRecords", ErrorCategory.InvalidArgument, WorkflowId,
                        "No records reached Start-SfWorkflowRun, so no run was started.",
                        "Pipe records (Import-Csv leads.csv | Start-SfWorkflowRun ...), or use -Path or -HandleId for read_csv workflows."));
                    return;
                }
                await StartBatch(token).ConfigureAwait(false);
                await JoinSending(token).ConfigureAwait(false);
            }
            if (Wait) await WaitForRunsAsync(_started, token).ConfigureAwait(false);
        }

        private async Task StartOnHandle(string handleId, string name, CancellationToken token)
        {
            if (await ShouldProcessAsync(WorkflowId, $"Start a run on uploaded file {name}").ConfigureAwait(false))
                await Report(Send(HandleBody(handleId), handleId, spool: null), token).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends the records spooled so far as one run, and starts a new spool for the next ones. The send goes on while
        /// the pipeline reads the next batch; the one before is joined first.
        /// </summary>
        private async Task StartBatch(CancellationToken token)
        {
            await JoinSending(token).ConfigureAwait(false);
            if (_spool is null || _spool.Count == 0) return;
            var spool = _spool;
            _spool = null;
            try
            {
                if (!await ShouldProcessAsync(WorkflowId, $"Start a run with {spool.Count} record(s)").ConfigureAwait(false))
                {
                    spool.Dispose();
                    return;
                }
                if (InputFiles.ReplacementCharactersWarning(spool.RecordsWithReplacementCharacters, spool.Count) is string warning) Warning(warning);
                _sending = Send(spool.Seal(), $"{spool.Count} record(s)", spool);
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }

        private async Task JoinSending(CancellationToken token)
        {
            var sending = _sending;
            _sending = null;
            if (sending != null) await Report(sending, token).ConfigureAwait(false);
        }

        /// <summary>Sends one start request, detached from the step that sends it; a spool given is disposed when the request is done with it.</summary>
        private PendingStart Send(Func<HttpContent> body, string what, PayloadSpool? spool)
        {
            _attempted = true;
            var formats = ResultFormat.Select(f => f.ToLowerInvariant()).Distinct().ToArray();
            _starts++;
            var key = IdempotencyKeys.ForStart(IdempotencyKey, _starts);
            Verbose($"Starting workflow {WorkflowId} with {what}.");
            // Minus a margin for the difference between this machine's clock and the service's.
            var asked = DateTime.UtcNow - StartClockSkew;
            // json output needs save_json on servers older than result_formats.
            var call = Detach(async stop =>
            {
                try
                {
                    return await Api.StartRunAsync(WorkflowId, body, formats, formats.Contains("json"), key, stop).ConfigureAwait(false);
                }
                finally
                {
                    spool?.Dispose();
                }
            });
            return new PendingStart(call, asked, key);
        }

        /// <summary>Writes what became of a start: the run, or the error with what to do (the run may exist after an ambiguous failure).</summary>
        private async Task Report(PendingStart pending, CancellationToken token)
        {
            var (ok, run) = await Attempt(() => Join(pending.Call), WorkflowId, async e =>
                {
                    // After a lost answer or a server error the run may exist. Honouring Idempotency-Key on /workflows/run is
                    // not documented, so the runs list is asked what really happened before any advice is given.
                    if (e is SixtyfourApiException api && (int)api.StatusCode < 500) return null;
                    var record = ErrorRecords.From(e, WorkflowId);
                    record.ErrorDetails.RecommendedAction = await AfterAmbiguousStart(pending.Asked, pending.Key, token).ConfigureAwait(false);
                    return record;
                }).ConfigureAwait(false);
            if (!ok) return;
            if (Wait) _started.Add(run);
            else Emit(run);
        }

        /// <summary>What to do after a start that may or may not have made a run: the runs queued since say which.</summary>
        private async Task<string> AfterAmbiguousStart(DateTime asked, string key, CancellationToken token)
        {
            var alternative = $"If the service honours Idempotency-Key, repeating the command with -IdempotencyKey {key} returns that run instead of starting another.";
            IReadOnlyList<SfWorkflowRun> since;
            try
            {
                since = await Api.FindRunsQueuedSinceAsync(WorkflowId, asked, token).ConfigureAwait(false);
            }
            catch (Exception e) when (ErrorRecords.IsOperational(e))
            {
                return $"The run may have started before this failed, and the runs list could not be read to tell ({e.Message}). Look with Get-SfWorkflowRun -WorkflowId {WorkflowId} before starting again. {alternative}";
            }
            if (since.Count == 0)
                return $"No run of workflow {WorkflowId} was queued since the request, so starting again should not make a second run. {alternative}";
            return $"Run(s) {string.Join(", ", since.Select(r => $"{r.JobId} ({r.Status}, queued {r.QueuedAt:u})"))} of workflow {WorkflowId} were queued since the request: "
                + $"one may be this start's (check with Get-SfWorkflowRun -JobId) before starting again. {alternative}";
        }

        /// <summary>A run per file; each file is uploaded once per command, whatever the number of workflows piped in.</summary>
        private Task StartOnFiles(IEnumerable<string> paths, bool literal, CancellationToken token) =>
            ForEachOnPipeline(InputFiles.Resolve(this, paths, literal, _encoding), async file =>
            {
                if (!await ShouldProcessAsync(WorkflowId, $"Upload '{file}' and start a run").ConfigureAwait(false)) return;
                if (!_uploads.TryGetValue(file, out var upload))
                {
                    bool ok;
                    (ok, upload) = await Attempt(() => Api.UploadAsync(file, token, _encoding), file).ConfigureAwait(false);
                    if (!ok) return;
                    _uploads[file] = upload;
                }
                await Report(Send(HandleBody(upload.HandleId), $"{upload.Name} (handle {upload.HandleId})", spool: null), token).ConfigureAwait(false);
            });

        private Func<HttpContent> HandleBody(string handleId)
        {
            var specs = new Hashtable(StringComparer.OrdinalIgnoreCase);
            if (SpecsOverride != null) foreach (DictionaryEntry entry in SpecsOverride) specs[entry.Key] = entry.Value;
            specs["resource_handle_id"] = handleId;
            var json = JsonBody.Serialize(new Hashtable { ["specs_override"] = specs });
            return () => new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        private sealed class PendingStart
        {
            public PendingStart(Detached<SfWorkflowRun> call, DateTime asked, string key)
            {
                Call = call;
                Asked = asked;
                Key = key;
            }

            public Detached<SfWorkflowRun> Call { get; }

            /// <summary>When it was sent, less the clock margin: runs queued since then may be its own.</summary>
            public DateTime Asked { get; }

            public string Key { get; }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _spool?.Dispose();
            base.Dispose(disposing);
        }
    }
}
