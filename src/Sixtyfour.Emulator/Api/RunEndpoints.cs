using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Services;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>Running workflows: start, watch, download.</summary>
public static class RunEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly string[] FormatNames = [.. ResultFormat.All.Select(format => format.Name)];

    /// <summary>The <c>status</c> filter of <c>GET /workflows/runs</c>; <c>active</c> means queued or running.</summary>
    private static readonly Dictionary<string, string[]> StatusFilters = new()
    {
        [RunStatus.Queued] = [RunStatus.Queued],
        [RunStatus.Running] = [RunStatus.Running],
        [RunStatus.Completed] = [RunStatus.Completed],
        [RunStatus.Failed] = [RunStatus.Failed],
        [RunStatus.Cancelled] = [RunStatus.Cancelled],
        ["active"] = [RunStatus.Queued, RunStatus.Running],
    };

    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/workflows/run", StartRunAsync);
        api.MapGet("/workflows/runs/{run_id}/live_status", LiveStatus);
        api.MapGet("/workflows/runs/{run_id}/results/download-links", DownloadLinksAsync);
        api.MapGet("/workflows/runs", ListRuns);
        api.MapPost("/workflows/cancel", CancelAsync);
        return api;
    }

    /// <summary>A run by id; bulk jobs started under bulk_job_status_only are known to job-status alone.</summary>
    public static WorkflowRun FindRun(RunStore runs, string runId, string location = "path", string name = "run_id") =>
        runs.Find(RequestParameters.Uuid(location, name, runId)) is { Variations.JobStatusOnly: false } run ? run : throw RunNotFound();

    private static ApiException RunNotFound() => ApiException.Detail(StatusCodes.Status404NotFound, "Run not found");

    /// <summary>
    /// Progress. Variations: unknown for a while after the start (status_delay), "canceled"
    /// (canceled_spelling), or any overall_status, or none at all (status_override).
    /// </summary>
    private static WorkflowLiveStatusResponse LiveStatus(string run_id, HttpContext context, RunStore runs, ActiveVariations variations)
    {
        var run = FindRun(runs, run_id);
        if (variations.Hides(context, run))
        {
            throw RunNotFound();
        }

        var live = RunViews.ToLiveStatus(run);
        return variations.TryApply(context, Variation.StatusOverride, out var rule)
            ? live with { OverallStatus = rule!.Value }
            : live with { OverallStatus = variations.Spell(context, run.Status) };
    }

    /// <summary>
    /// Starts a run through <see cref="RunService"/>. With an <c>Idempotency-Key</c> header, a repeat of
    /// the key returns the first run with <c>already_started: true</c> (the field's documented meaning)
    /// instead of a new one, whatever the repeat's own body or workflow: its body is not read.
    /// </summary>
    private static async Task<WorkflowRunStartedResponse> StartRunAsync(
        HttpRequest request, WorkflowStore workflows, RunService runService, ActiveVariations variations, CancellationToken cancellationToken)
    {
        var workflowIdText = RequestParameters.RequiredQuery(request, "workflow_id");
        var saveJson = RequestParameters.Boolean(request, "save_json", defaultValue: false);
        var formats = RequestParameters.Choices(request, "result_formats", FormatNames).Select(name => ResultFormat.FromName(name)!).ToHashSet();
        formats.Add(ResultFormat.Csv);
        if (saveJson)
        {
            formats.Add(ResultFormat.Json);
        }

        try
        {
            var key = request.Headers[IdempotencyKeyHeader].LastOrDefault() is { Length: > 0 } header ? header : null;
            var (run, alreadyStarted) = await runService.StartAsync(key, async (draft, token) =>
            {
                var body = await RunRequestBodyReader.ReadAsync(request, draft.Directory, token);

                // Workflow ids that are not UUIDs cannot exist here, so they are simply not found.
                var workflow = (Guid.TryParse(workflowIdText, out var workflowId) ? workflows.Find(workflowId) : null)
                    ?? throw ApiException.Detail(StatusCodes.Status404NotFound, "Workflow not found");

                // Variations are chosen only when a run is really launched, so a replayed key uses up no rule.
                return new RunStartRequest(workflow, new RunRequest(body.WebhookPayload, body.SpecsOverride, formats, variations.ForNewRun(request.HttpContext, bulk: false)));
            }, cancellationToken);
            return new WorkflowRunStartedResponse(
                alreadyStarted ? run.Status : RunStatus.Queued,
                run.WorkflowId,
                run.Id.ToString("D"),
                null,
                alreadyStarted ? true : null);
        }
        catch (RunRequestException exception)
        {
            throw ApiException.Detail(StatusCodes.Status400BadRequest, exception.Message);
        }
        catch (InsufficientCreditsException)
        {
            throw AccountEndpoints.InsufficientCredits();
        }
    }

    /// <summary>Newest first; with <c>workflow_id</c>, the workflow must exist (runs of deleted workflows are still listed without it).</summary>
    private static IEnumerable<WorkflowRunResponse> ListRuns(HttpRequest request, RunStore runs, WorkflowStore workflows)
    {
        var statuses = request.Query["status"].LastOrDefault() is null
            ? null
            : StatusFilters[RequestParameters.Choice(request, "status", string.Empty, [.. StatusFilters.Keys])];
        var workflowId = request.Query["workflow_id"].LastOrDefault() is { } text
            ? WorkflowEndpoints.FindWorkflow(workflows, RequestParameters.Uuid("query", "workflow_id", text)).Id.ToString("D")
            : null;
        var limit = RequestParameters.Integer(request, "limit", defaultValue: 100, minimum: 1, maximum: 500);
        return runs.List()
            .Where(run => !run.Variations.JobStatusOnly)
            .Where(run => statuses is null || statuses.Contains(run.Status))
            .Where(run => workflowId is null || run.WorkflowId == workflowId)
            .Take(limit)
            .Select(RunViews.ToRunResponse)
            .ToList();
    }

    /// <summary>
    /// Cancels a queued or running run; <c>job_id</c> comes from the query or a JSON body. The reply
    /// spells the status "cancelled", as live_status and the runs filter do ("canceled", the spec's
    /// word, under canceled_spelling). An ended run is a 409.
    /// </summary>
    private static async Task<WorkflowCancelResponse> CancelAsync(
        HttpRequest request, RunStore runs, ActiveVariations variations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken);
        var jobId = request.Query["job_id"].LastOrDefault() ?? (body?["job_id"] as JsonValue)?.ToString();
        var run = FindRun(runs, jobId ?? throw ApiException.Missing("query", "job_id"), "query", "job_id");
        if (!run.Cancel(timeProvider.GetUtcNow()))
        {
            throw ApiException.Detail(StatusCodes.Status409Conflict, $"Run {run.Id:D} has already ended with status '{run.Status}' and cannot be cancelled.");
        }

        return new WorkflowCancelResponse(run.Id.ToString("D"), variations.Spell(request.HttpContext, RunStatus.Cancelled));
    }

    /// <summary>
    /// Links for every block whose output is complete. Before the run ends that is the blocks done so
    /// far (possibly none, i.e. <c>[]</c>); after a failure, the blocks that completed before it. A format
    /// the run did not make is a 400 (a 422 on <c>format</c> under missing_format_422).
    /// </summary>
    private static async Task<List<WorkflowResultItemWithDownload>> DownloadLinksAsync(
        string run_id, HttpContext context, RunStore runs, DownloadUrlSigner signer, ActiveVariations variations, CancellationToken cancellationToken)
    {
        var run = FindRun(runs, run_id);
        var format = ResultFormat.FromName(RequestParameters.Choice(context.Request, "format", ResultFormat.Csv.Name, FormatNames))!;
        if (!run.Formats.Contains(format))
        {
            var how = format == ResultFormat.Json ? "save_json=true or result_formats=json" : $"result_formats={format.Name}";
            var message = $"This run did not save {format.Name} results; start the run with {how} to get them.";
            throw variations.Applies(context, Variation.MissingFormat422)
                ? ApiException.Invalid("value_error", message, format.Name, null, "query", "format")
                : ApiException.Detail(StatusCodes.Status400BadRequest, message);
        }

        return await ResultLinks.ForRequestAsync(context, run, format, signer, variations, cancellationToken);
    }
}
