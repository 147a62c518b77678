using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Billing;
using Sixtyfour.Emulator.Bulk;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Services;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Testing;

namespace Sixtyfour.Emulator.Api;

/// <summary>Bulk Intelligence (<c>POST /bulk-intelligence/people|company</c>) and <c>GET /job-status/{job_id}</c>.</summary>
public static class BulkIntelligenceEndpoints
{
    public const int MaxRows = 100_000;
    public const int MaxConfigChars = 300_000;

    private static readonly string[] CostUnits = ["cents", "credits"];

    public static RouteGroupBuilder MapBulkIntelligenceEndpoints(this RouteGroupBuilder api)
    {
        foreach (var kind in BulkIntelligenceKind.All)
        {
            api.MapPost(kind.Path, (HttpRequest request, [AsParameters] BulkServices services, CancellationToken cancellationToken) =>
                StartAsync(kind, request, services, cancellationToken));
        }

        api.MapGet("/job-status/{job_id}", JobStatusAsync);
        return api;
    }

    /// <summary>
    /// Starts a job through <see cref="BulkJobService"/>, which keeps the order (replay, limit, form,
    /// launch); here the form is read — the file streamed to disk, never held — and the config checked.
    /// </summary>
    private static async Task<BulkIntelligenceStartedResponse> StartAsync(BulkIntelligenceKind kind, HttpRequest request, BulkServices services, CancellationToken cancellationToken)
    {
        var costUnit = RequestParameters.Choice(request, "cost_units", CostUnits[0], CostUnits);
        var key = request.Headers[RunEndpoints.IdempotencyKeyHeader].LastOrDefault() is { Length: > 0 } header ? header : null;
        long? rows = null;
        try
        {
            var (run, alreadyStarted) = await services.Jobs.StartAsync(kind, key, async (draft, token) =>
            {
                var (handle, configText) = await ReadFormAsync(request, draft, services.Uploads, token);
                var config = ParseConfig(kind, configText);
                var survey = await SurveyAsync(services.Uploads.Find(handle.ToString("D"))!, token);
                if (config["columns"] is JsonArray columns && columns.Select(column => column!.GetValue<string>()).FirstOrDefault(column => !survey.Columns.Contains(column)) is { } unknown)
                {
                    throw ApiException.Invalid("value_error", $"Column '{unknown}' is not in the uploaded file (its columns: {string.Join(", ", survey.Columns)}).", null, null, "body", "config", "columns");
                }

                rows = survey.Rows;

                // Variations are chosen only when a job is really launched, so a replayed key uses up no rule.
                return new BulkJobRequest(handle, config, services.Variations.ForNewRun(request.HttpContext, bulk: true));
            }, cancellationToken);
            return Started(run, alreadyStarted ? null : rows, costUnit, alreadyStarted);
        }
        catch (StartRateLimitedException)
        {
            throw ApiException.RateLimited(null);
        }
        catch (RunRequestException exception)
        {
            // The generated workflow is always well formed, so what the engine rejects is the struct.
            throw ApiException.Invalid("value_error", exception.Message, null, null, "body", "config", "struct");
        }
        catch (InsufficientCreditsException)
        {
            throw AccountEndpoints.InsufficientCredits();
        }
    }

    private static BulkIntelligenceStartedResponse Started(WorkflowRun run, long? rowCount, string costUnit, bool alreadyStarted) => new(
        run.Id.ToString("D"),
        "RUNNING",
        rowCount,
        costUnit == "cents" ? CreditLedger.ToCents(run.ReservedCredits) : null,
        costUnit == "credits" ? run.ReservedCredits : null,
        alreadyStarted);

    /// <summary>
    /// The <c>file</c> part (to the upload store, handed to the draft so it goes if the job does not
    /// start) and the <c>config</c> text, at most <see cref="MaxConfigChars"/> characters.
    /// </summary>
    private static async Task<(Guid Handle, string Config)> ReadFormAsync(HttpRequest request, RunDraft draft, UploadStore uploads, CancellationToken cancellationToken)
    {
        var reader = MultipartRequest.Open(request, "Send multipart/form-data with a 'file' part and a 'config' part (a JSON string).");
        Guid? handle = null;
        string? config = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = MultipartRequest.Disposition(section);
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
            if (name == "file" && disposition is not null && disposition.IsFileDisposition() && handle is null)
            {
                var saved = await MultipartRequest.SaveFileAsync(section, disposition, uploads, cancellationToken);
                draft.OnDiscard(() => uploads.Delete(saved));
                handle = saved;
            }
            else if (name == "config" && config is null)
            {
                config = await ReadLimitedTextAsync(section, cancellationToken);
            }
        }

        return (handle ?? throw ApiException.Missing("body", "file"), config ?? throw ApiException.Missing("body", "config"));
    }

    private static async Task<string> ReadLimitedTextAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(section.Body, Encoding.UTF8);
        var buffer = new char[MaxConfigChars + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return read <= MaxConfigChars
            ? new string(buffer, 0, read)
            : throw ApiException.Invalid("string_too_long", $"String should have at most {MaxConfigChars} characters", null, new JsonObject { ["max_length"] = MaxConfigChars }, "body", "config");
    }

    private static JsonObject ParseConfig(BulkIntelligenceKind kind, string text)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            throw ApiException.Invalid("json_invalid", "config is not valid JSON", text, new JsonObject { ["error"] = exception.Message }, "body", "config");
        }

        var config = parsed as JsonObject
            ?? throw ApiException.Invalid("model_attributes_type", "config should be a JSON object", parsed?.DeepClone(), null, "body", "config");
        return SpecsValidator.FindProblem(config, kind.ConfigSchema, "config") is { } problem
            ? throw ApiException.Invalid(problem.Type, problem.Message, config[problem.Field]?.DeepClone(), null, "body", "config", problem.Field)
            : config;
    }

    /// <summary>Counts rows and collects columns in one streaming pass; the file must have 1 to <see cref="MaxRows"/> rows.</summary>
    private static async Task<FileSurvey> SurveyAsync(string path, CancellationToken cancellationToken)
    {
        FileSurvey survey;
        try
        {
            survey = await RowFileReader.SurveyAsync(path, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw ApiException.Invalid("value_error", exception.Message, null, null, "body", "file");
        }

        return survey.Rows switch
        {
            0 => throw ApiException.Invalid("value_error", "The file has no rows.", null, null, "body", "file"),
            > MaxRows => throw ApiException.Invalid("value_error", $"The file has {survey.Rows} rows; at most {MaxRows} are allowed.", null, new JsonObject { ["max_rows"] = MaxRows }, "body", "file"),
            _ => survey,
        };
    }

    /// <summary>
    /// Any run's status in the documented job-status shapes: running or ended without success
    /// (<c>status, id, run_id, start_time</c>), or completed with its result files and charge. The
    /// status is the run's own, so an end_status variation shows here too.
    /// </summary>
    private static async Task<JobStatusResponse> JobStatusAsync(
        string job_id, HttpContext context, RunStore runs, DownloadUrlSigner signer, ActiveVariations variations, CancellationToken cancellationToken)
    {
        var costUnit = RequestParameters.Choice(context.Request, "cost_units", CostUnits[0], CostUnits);
        var run = (Guid.TryParse(job_id, out var id) ? runs.Find(id) : null) is { } found && !variations.Hides(context, found)
            ? found
            : throw ApiException.Detail(StatusCodes.Status404NotFound, "Job not found");
        var status = variations.Spell(context, run.Status == RunStatus.Queued ? RunStatus.Running : run.Status);
        var jobId = run.Id.ToString("D");
        var startTime = run.StartedAt ?? run.QueuedAt;
        if (status != RunStatus.Completed)
        {
            return new JobStatusResponse(status, jobId, jobId, startTime);
        }

        var charged = run.CreditsCharged ?? run.CreditsUsed;
        return new JobStatusResponse(
            status,
            jobId,
            jobId,
            startTime,
            run.CompletedAt,
            await ResultLinks.ForRequestAsync(context, run, ResultFormat.Csv, signer, variations, cancellationToken),
            costUnit == "cents" ? CreditLedger.ToCents(charged) : null,
            costUnit == "credits" ? charged : null);
    }
}

/// <summary>The services a bulk submission uses, bound from DI by the endpoint.</summary>
public readonly record struct BulkServices(BulkJobService Jobs, UploadStore Uploads, ActiveVariations Variations);
