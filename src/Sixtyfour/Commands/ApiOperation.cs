using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// What a failed request was doing, told by its endpoint: a 404 for a run is not a 404 for a workflow, and a 409
    /// on cancel is not a 409 on create. Gives the advice that fits, and names the cmdlets' parameters where the API
    /// names its own fields.
    /// </summary>
    internal sealed class ApiOperation
    {
        /// <summary>A name given for an id is the likely slip: the hint says how to get the id, or not need it.</summary>
        private const string NoWorkflow = "No workflow has this id (an id, not a name): Get-SfWorkflow -Name <name> shows the Id, and a workflow piped from Get-SfWorkflow brings its own.";

        private static readonly ApiOperation[] Known =
        {
            new ApiOperation("POST", "/workflows/cancel", new Dictionary<int, string>
            {
                [404] = "No run has this job id: Get-SfWorkflowRun lists runs, newest first.",
                [409] = "The run has already ended, so there is nothing to cancel: Get-SfWorkflowRun -JobId shows how it ended.",
                [400] = "The run cannot be cancelled in its state: Get-SfWorkflowRun -JobId shows it.",
            }, Fields(("query.job_id", "-JobId"))),
            new ApiOperation("POST", "/workflows/run", new Dictionary<int, string>
            {
                [404] = NoWorkflow,
                [400] = "Check the input against the workflow's first block: a webhook workflow takes piped records with the columns it needs, a read_csv workflow takes -Path or -HandleId.",
                [413] = "The records are more than the service takes in one request: split them into several runs with -BatchSize (for example -BatchSize 10000), or upload them as a file with Send-SfFile to a workflow that starts with read_csv.",
            }, Fields(("query.workflow_id", "-WorkflowId"), ("body.webhook_payload", "the piped records"), ("body.specs_override", "-SpecsOverride"),
                ("query.result_formats", "-ResultFormat"), ("save_json=true", "-ResultFormat json"), ("save_json", "-ResultFormat json"))),
            new ApiOperation("GET", "/workflows/runs/*/results/download-links", new Dictionary<int, string>
            {
                [404] = "No run has this job id: Get-SfWorkflowRun lists runs, newest first.",
            }, Fields(("query.format", "-Format"), ("save_json=true", "Start-SfWorkflowRun -ResultFormat json"), ("path.run_id", "-JobId"))),
            new ApiOperation("GET", "/workflows/runs/*", new Dictionary<int, string>
            {
                [404] = "No run has this job id: Get-SfWorkflowRun lists runs, newest first.",
            }, Fields(("path.run_id", "-JobId"))),
            new ApiOperation("GET", "/workflows/runs", new Dictionary<int, string>
            {
                [404] = NoWorkflow,
            }, Fields(("query.workflow_id", "-WorkflowId"), ("query.status", "-Status"), ("query.limit", "-First"))),
            new ApiOperation("GET", "/job-status/*", new Dictionary<int, string>
            {
                [404] = "No job has this id: the id comes from Start-SfBulkIntelligence (its JobId).",
            }, Fields()),
            new ApiOperation("POST", "/workflows/create_workflow", new Dictionary<int, string>
            {
                [409] = "A workflow with this id already exists: change it with Set-SfWorkflow, or leave out -Id to make a new one.",
            }, WorkflowFields()),
            new ApiOperation("POST", "/workflows/update_workflow", new Dictionary<int, string>(), WorkflowFields()),
            new ApiOperation("POST", "/workflows/delete_workflow", new Dictionary<int, string>
            {
                [404] = NoWorkflow,
            }, Fields(("query.workflow_id", "-Id"))),
            new ApiOperation("*", "/workflows/*", new Dictionary<int, string>
            {
                [404] = NoWorkflow,
            }, Fields()),
            new ApiOperation("*", "/schedules*", new Dictionary<int, string>
            {
                [404] = "No schedule (or no workflow) has this id: Get-SfSchedule lists schedules, Get-SfWorkflow workflows.",
            }, Fields(("body.cron_expression", "-Cron"), ("body.timezone", "-TimeZone"), ("body.name", "-Name"), ("body.description", "-Description"),
                ("body.is_active", "-Enabled"), ("body.workflow_id", "-WorkflowId"))),
            new ApiOperation("POST", "/storage/csv/upload", new Dictionary<int, string>
            {
                [400] = "Send a .csv, .json, .jsonl or .ndjson file in UTF-8 with a header row.",
            }, Fields(("body.file", "-Path"))),
            new ApiOperation("POST", "/bulk-intelligence/*", new Dictionary<int, string>
            {
                [400] = "Check the file (-Path or the piped records) and the config (-Struct, -Tier, -Config).",
            }, Fields(("body.file", "-Path"), ("body.config.struct", "-Struct"), ("body.config.tier", "-Tier"), ("body.config.result_formats", "-ResultFormat"),
                ("body.config", "-Config"))),
        };

        private static readonly ApiOperation Other = new ApiOperation("*", "*", new Dictionary<int, string>(), Fields());

        private readonly string _method;
        private readonly Regex _path;
        private readonly IReadOnlyDictionary<int, string> _advice;
        private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;

        private ApiOperation(string method, string path, IReadOnlyDictionary<int, string> advice, IReadOnlyList<KeyValuePair<string, string>> fields)
        {
            _method = method;
            // '*' stands for one path segment, except at the end, where it stands for the rest.
            var pattern = Regex.Escape(path).Replace(@"\*", "[^/]*");
            if (pattern.EndsWith("[^/]*", StringComparison.Ordinal)) pattern = pattern.Substring(0, pattern.Length - 5) + ".*";
            _path = new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
            _advice = advice;
            // Longer API names first, so "save_json=true" is replaced before "save_json".
            _fields = fields.OrderByDescending(f => f.Key.Length).ToList();
        }

        public static ApiOperation Of(string method, string path) =>
            Known.FirstOrDefault(o => (o._method == "*" || string.Equals(o._method, method, StringComparison.OrdinalIgnoreCase)) && o._path.IsMatch(path)) ?? Other;

        /// <summary>The advice for this operation and status, or null to use the status's general advice.</summary>
        public string? Advice(int status) => _advice.TryGetValue(status, out var advice) ? advice : null;

        /// <summary>The API's message with its field names (body.cron_expression, save_json=true) told as the cmdlets' parameters.</summary>
        public string InParameterTerms(string detail)
        {
            foreach (var field in _fields)
                detail = Regex.Replace(detail, @"(?<![\w.])" + Regex.Escape(field.Key) + @"(?![\w])", field.Value.Replace("$", "$$"));
            return detail;
        }

        private static IReadOnlyList<KeyValuePair<string, string>> Fields(params (string Api, string Parameter)[] fields) =>
            fields.Select(f => new KeyValuePair<string, string>(f.Api, f.Parameter)).ToList();

        private static IReadOnlyList<KeyValuePair<string, string>> WorkflowFields() =>
            Fields(("body.workflow_name", "-Name"), ("body.workflow_description", "-Description"), ("body.workflow_definition", "-Definition"),
                ("body.id", "-Id"), ("query.workflow_id", "-Id"));
    }
}
