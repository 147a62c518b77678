using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Enriches a list of people or companies in one Bulk Intelligence job: no workflow needed. Rows come from a file
    /// (-Path) or the pipeline; the job's JobId pipes into Wait-SfWorkflowRun, Get-SfWorkflowResult and Save-SfWorkflowResult.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "SfBulkIntelligence", SupportsShouldProcess = true, DefaultParameterSetName = ByRecords)]
    [OutputType(typeof(SfBulkIntelligenceJob))]
    public sealed class StartSfBulkIntelligenceCommand : RunWaitingCmdlet
    {
        private const string ByRecords = "Records";
        private const string ByPath = "Path";
        private const string ByLiteralPath = "LiteralPath";
        private NdjsonSpool? _spool;
        private readonly List<SfWorkflowRun> _started = new List<SfWorkflowRun>();
        private int _starts;
        private bool _filesGiven;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("People", "Company", IgnoreCase = true)]
        public string Type { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ByRecords, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>
        /// Files of rows, as wildcard patterns: a job per file matched. Each a .csv, .json, .jsonl or .ndjson file (at
        /// most 100 MB and 100,000 rows).
        /// </summary>
        [Parameter(ParameterSetName = ByPath, Mandatory = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files of rows, taken as written (no wildcards): a job per file. Files piped from Get-ChildItem are taken so too.</summary>
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
            var tiers = SfBulkIntelligenceJob.TiersFor(Type);
            if (Tier != null && !tiers.Contains(Tier, StringComparer.OrdinalIgnoreCase))
                ThrowTerminatingError(ErrorRecords.Create("InvalidTier", ErrorCategory.InvalidArgument, Tier,
                    $"A {Type} job takes -Tier {string.Join(", ", tiers)}; '{Tier}' is not one of them.", "Pick one of the tiers listed, or leave -Tier out for the API's default."));
            base.BeginProcessing();
        }

        /// <summary>The fields to find: name = description, or name = @{ description = ...; type = ... }. Required for companies.</summary>
        [Parameter]
        public IDictionary? Struct { get; set; }

        /// <summary>The research depth; which tiers there are depends on -Type (checked before anything is sent, and offered by Tab).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TierCompleter))]
        public string? Tier { get; set; }

        /// <summary>Any other config fields (find_people, webhook_url, columns, …); -Struct, -Tier and -ResultFormat win over the same keys here.</summary>
        [Parameter]
        public IDictionary? Config { get; set; }

        [Parameter]
        [ValidateSet("csv", "json", "ndjson", IgnoreCase = true)]
        public string[] ResultFormat { get; set; } = Array.Empty<string>();

        /// <summary>A repeat with the same key returns the first job instead of starting another; one is made when omitted.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdempotencyKey { get; set; }

        /// <summary>Waits for the job to end and outputs it as a run then.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private protected override Task ProcessRecordAsync(CancellationToken token)
        {
            switch (ParameterSetName)
            {
                case ByPath: return StartJobs(Path, literal: false, token);
                case ByLiteralPath: return StartJobs(LiteralPath, literal: true, token);
            }
            if (InputFiles.Piped(InputObject) is string piped) return StartJobs(new[] { piped }, literal: true, token);
            // Without pipeline input ProcessRecord still runs once, with nothing bound: that is no record. A piped
            // $null is one, and the serializer refuses it as it refuses a string.
            if (InputObject is null && !MyInvocation.ExpectingInput) return Task.CompletedTask;
            _spool ??= new NdjsonSpool();
            try { _spool.Add(InputObject); }
            catch (InvalidDataException e)
            {
                Error(ErrorRecords.InvalidRecord(e, InputObject));
            }
            return Task.CompletedTask;
        }

        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            if (_spool != null && _spool.Count > 0)
            {
                if (InputFiles.ReplacementCharactersWarning(_spool.RecordsWithReplacementCharacters, _spool.Count) is string warning) Warning(warning);
                await StartJob(_spool.Seal(), $"{_spool.Count} record(s)", null, token).ConfigureAwait(false);
            }
            else if (!_filesGiven)
            {
                Error(ErrorRecords.Create("NoInputRecords", ErrorCategory.InvalidArgument, Type, "No records reached Start-SfBulkIntelligence, so no job was started.",
                    "Pipe records (Import-Csv companies.csv | Start-SfBulkIntelligence -Type Company ...), or use -Path."));
                return;
            }
            if (Wait) await WaitForRunsAsync(_started, token).ConfigureAwait(false);
        }

        /// <summary>A job per file.</summary>
        private Task StartJobs(IEnumerable<string> paths, bool literal, CancellationToken token)
        {
            _filesGiven = true;
            return ForEachOnPipeline(InputFiles.Resolve(this, paths, literal, _encoding), file => StartJob(file, $"'{file}'", _encoding, token));
        }

        /// <param name="encoding">The file's encoding when it is not UTF-8 (a -Path file); the spooled records are UTF-8.</param>
        private async Task StartJob(string file, string what, System.Text.Encoding? encoding, CancellationToken token)
        {
            if (Type.Equals("Company", StringComparison.OrdinalIgnoreCase) && Struct is null && !(Config?.Contains("struct") ?? false))
            {
                Error(ErrorRecords.Create("StructMissing", ErrorCategory.InvalidArgument, Type, "A Company job needs -Struct: the fields to find.",
                    "For example -Struct @{ revenue = 'Annual revenue in USD' }."));
                return;
            }
            if (!await ShouldProcessAsync($"Bulk Intelligence ({Type})", $"Start a job on {what}").ConfigureAwait(false)) return;

            var config = ConfigJson();
            _starts++;
            var key = IdempotencyKeys.ForStart(IdempotencyKey, _starts);
            var (ok, job) = await Attempt(() => Api.StartBulkIntelligenceAsync(Type, file, config, key, token, ResultFormat.Select(f => f.ToLowerInvariant()).ToArray(), encoding), Type)
                .ConfigureAwait(false);
            if (!ok) return;
            if (Wait)
            {
                var run = StartedRuns.Describe(job.JobId);
                run.Status = job.Status;
                _started.Add(run);
            }
            else Emit(job);
        }

        private string ConfigJson()
        {
            var config = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            if (Config != null) foreach (DictionaryEntry entry in Config) config[entry.Key.ToString()!] = entry.Value;
            if (Struct != null) config["struct"] = Struct;
            if (Tier != null) config["tier"] = Tier.ToLowerInvariant();
            if (ResultFormat.Length > 0) config["result_formats"] = ResultFormat.Select(f => f.ToLowerInvariant()).Distinct().ToArray();
            return JsonBody.Serialize(config);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _spool?.Dispose();
            base.Dispose(disposing);
        }
    }
}
