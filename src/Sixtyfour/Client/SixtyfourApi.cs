using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;
using Sixtyfour.Models.Wire;
using Sixtyfour.Serialization;

namespace Sixtyfour.Client
{
    /// <summary>The API's endpoints as typed calls; every one goes through <see cref="SixtyfourClient"/>.</summary>
    internal sealed class SixtyfourApi
    {
        /// <summary>File types POST /storage/csv/upload accepts, with the content type each is sent as.</summary>
        public static readonly IReadOnlyDictionary<string, string> UploadTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".csv"] = "text/csv",
            [".json"] = "application/json",
            [".jsonl"] = "application/x-ndjson",
            [".ndjson"] = "application/x-ndjson",
        };

        public static readonly IReadOnlyList<string> ResultFormats = new[] { "csv", "json", "ndjson" };

        public SixtyfourApi(SixtyfourClient client) => Client = client ?? throw new ArgumentNullException(nameof(client));

        public SixtyfourClient Client { get; }

        public async Task<IReadOnlyList<WorkflowResponse>> ListWorkflowsAsync(CancellationToken cancellationToken) =>
            await Client.GetAsync<List<WorkflowResponse>>("workflows", null, cancellationToken).ConfigureAwait(false);

        public Task<WorkflowResponse> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken) =>
            Client.GetAsync<WorkflowResponse>("workflows/" + Uri.EscapeDataString(workflowId), null, cancellationToken);

        /// <summary>The workflow with its definition, or null when none has this id (a 404 is an answer here, not a failure).</summary>
        public async Task<WorkflowResponse?> FindWorkflowAsync(string workflowId, CancellationToken cancellationToken)
        {
            try
            {
                return await GetWorkflowAsync(workflowId, cancellationToken).ConfigureAwait(false);
            }
            catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        /// <summary><paramref name="body"/> is the workflow as the API takes it (WorkflowDocument.ToRequestBody).</summary>
        public Task<WorkflowResponse> CreateWorkflowAsync(string body, CancellationToken cancellationToken) =>
            Client.PostAsync<WorkflowResponse>("workflows/create_workflow", null, Json(body), idempotent: false, cancellationToken);

        /// <summary>update_workflow is an upsert: the same call deploys a new workflow or changes an existing one, so it is safe to retry.</summary>
        public Task<WorkflowResponse> UpdateWorkflowAsync(string workflowId, string body, CancellationToken cancellationToken) =>
            Client.PostAsync<WorkflowResponse>("workflows/update_workflow", new QueryString().Add("workflow_id", workflowId), Json(body), idempotent: true, cancellationToken);

        public Task<WorkflowResponse> DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken) =>
            Client.PostAsync<WorkflowResponse>("workflows/delete_workflow", new QueryString().Add("workflow_id", workflowId), null, idempotent: false, cancellationToken);

        public async Task<IReadOnlyList<BlockInfoResponse>> ListBlockTypesAsync(CancellationToken cancellationToken) =>
            await Client.GetAsync<List<BlockInfoResponse>>("workflows/blocks", null, cancellationToken).ConfigureAwait(false);

        /// <summary>GET /workflows/runs: newest first; <paramref name="status"/> may be "active" (queued and running).</summary>
        public async Task<IReadOnlyList<SfWorkflowRun>> ListRunsAsync(string? status, string? workflowId, int limit, CancellationToken cancellationToken)
        {
            var query = new QueryString().Add("status", status).Add("workflow_id", workflowId).Add("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var runs = await Client.GetAsync<List<RunListItem>>("workflows/runs", query, cancellationToken).ConfigureAwait(false);
            return runs.Select(r => r.ToRun()).ToList();
        }

        /// <summary>POST /workflows/cancel. Cancelling twice has the same effect as once, so it is retried like a GET.</summary>
        public Task<CancelResponse> CancelRunAsync(string jobId, CancellationToken cancellationToken) =>
            Client.PostAsync<CancelResponse>("workflows/cancel", new QueryString().Add("job_id", jobId), null, idempotent: true, cancellationToken);

        public Task<SfBalance> GetBalanceAsync(CancellationToken cancellationToken) => Client.GetAsync<SfBalance>("check-balance", null, cancellationToken);

        /// <summary>
        /// POST /bulk-intelligence/{people|company}: the rows file and the config (a JSON string) as multipart. Retried
        /// only when it cannot have started a job; the Idempotency-Key makes a repeat return the first job.
        /// </summary>
        public async Task<SfBulkIntelligenceJob> StartBulkIntelligenceAsync(string type, string file, string configJson, string idempotencyKey, CancellationToken cancellationToken,
            IReadOnlyList<string>? resultFormats = null, System.Text.Encoding? encoding = null)
        {
            var extension = Path.GetExtension(file);
            HttpContent Body()
            {
                var part = new StreamContent(OpenAsUtf8(file, encoding));
                part.Headers.ContentType = new MediaTypeHeaderValue(UploadTypes.TryGetValue(extension, out var contentType) ? contentType : "application/octet-stream");
                return new MultipartFormDataContent
                {
                    { part, "file", Path.GetFileName(file) },
                    { new StringContent(configJson, System.Text.Encoding.UTF8), "config" },
                };
            }
            var job = await Client.PostAsync<SfBulkIntelligenceJob>("bulk-intelligence/" + type.ToLowerInvariant(), null, Body, idempotent: false, cancellationToken, idempotencyKey).ConfigureAwait(false);
            job.Type = type;
            StartedRuns.Record(new StartedRun(job.JobId, DateTime.UtcNow, resultFormats ?? Array.Empty<string>(), null, isBulkJob: true));
            return job;
        }

        public async Task<IReadOnlyList<SfSchedule>> ListSchedulesAsync(string? workflowId, CancellationToken cancellationToken) =>
            await Client.GetAsync<List<SfSchedule>>("schedules", new QueryString().Add("workflow_id", workflowId), cancellationToken).ConfigureAwait(false);

        public Task<SfSchedule> GetScheduleAsync(string scheduleId, CancellationToken cancellationToken) =>
            Client.GetAsync<SfSchedule>("schedules/" + Uri.EscapeDataString(scheduleId), null, cancellationToken);

        public Task<SfSchedule> CreateScheduleAsync(string body, CancellationToken cancellationToken) =>
            Client.PostAsync<SfSchedule>("schedules", null, Json(body), idempotent: false, cancellationToken);

        public Task<SfSchedule> UpdateScheduleAsync(string scheduleId, string body, CancellationToken cancellationToken) =>
            Client.SendAsync<SfSchedule>(new HttpMethod("PATCH"), "schedules/" + Uri.EscapeDataString(scheduleId), Json(body), cancellationToken);

        public Task DeleteScheduleAsync(string scheduleId, CancellationToken cancellationToken) =>
            Client.SendAsync(HttpMethod.Delete, "schedules/" + Uri.EscapeDataString(scheduleId), null, cancellationToken);

        private static Func<HttpContent> Json(string body) => () => new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        /// <summary>
        /// The file as the API reads it: UTF-8. A file in another <paramref name="encoding"/> is converted while it is
        /// sent, a buffer at a time.
        /// </summary>
        private static Stream OpenAsUtf8(string path, System.Text.Encoding? encoding)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return InputEncoding.NeedsTranscoding(encoding) ? new Utf8TranscodingStream(file, encoding!) : (Stream)file;
        }

        /// <summary>Streams the file to POST /storage/csv/upload. A repeat after a lost answer only leaves an unused handle, so it is retried like a GET.</summary>
        public async Task<SfUploadedFile> UploadAsync(string path, CancellationToken cancellationToken, System.Text.Encoding? encoding = null)
        {
            var file = new FileInfo(path);
            if (!UploadTypes.TryGetValue(file.Extension, out var contentType))
                throw new ArgumentException($"'{file.Name}' is not a file type the API accepts ({string.Join(", ", UploadTypes.Keys)}).", nameof(path));
            HttpContent Body()
            {
                var part = new StreamContent(OpenAsUtf8(file.FullName, encoding));
                part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return new MultipartFormDataContent { { part, "file", file.Name } };
            }
            var answer = await Client.PostAsync<UploadResponse>("storage/csv/upload", null, Body, idempotent: true, cancellationToken).ConfigureAwait(false);
            return new SfUploadedFile { HandleId = answer.HandleId, Name = file.Name, Length = file.Length, Path = file.FullName };
        }

        /// <summary>
        /// POST /workflows/run. The Idempotency-Key lets the server answer a repeat with the first job; the request is
        /// still retried only when it cannot have started a run, since not every server honours the key.
        /// </summary>
        public async Task<SfWorkflowRun> StartRunAsync(string workflowId, Func<HttpContent>? body, IReadOnlyList<string> resultFormats, bool saveJson,
            string idempotencyKey, CancellationToken cancellationToken, string? workflowName = null)
        {
            var query = new QueryString().Add("workflow_id", workflowId).Add("result_formats", resultFormats);
            if (saveJson) query.Add("save_json", "true");
            var started = await Client.PostAsync<RunStartedResponse>("workflows/run", query, body, idempotent: false, cancellationToken, idempotencyKey).ConfigureAwait(false);
            StartedRuns.Record(new StartedRun(started.JobId, DateTime.UtcNow, resultFormats, workflowName, isBulkJob: false));
            return new SfWorkflowRun
            {
                JobId = started.JobId,
                WorkflowId = string.IsNullOrEmpty(started.WorkflowId) ? workflowId : started.WorkflowId,
                WorkflowName = workflowName,
                Status = started.Status,
                AlreadyStarted = started.AlreadyStarted,
                ResultFormats = resultFormats,
            };
        }

        /// <summary>
        /// The runs of <paramref name="workflowId"/> queued at or after <paramref name="sinceUtc"/>: after a start whose
        /// answer was lost, these are the runs it may have made.
        /// </summary>
        public async Task<IReadOnlyList<SfWorkflowRun>> FindRunsQueuedSinceAsync(string workflowId, DateTime sinceUtc, CancellationToken cancellationToken) =>
            (await ListRunsAsync(null, workflowId, 100, cancellationToken).ConfigureAwait(false))
                .Where(r => (r.QueuedAt ?? r.StartedAt) is DateTime queued && queued >= sinceUtc).ToList();

        /// <summary>How long after its start a run may still be unknown to live_status and job-status (the service lists it a moment later).</summary>
        public static readonly TimeSpan VisibilityGrace = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The run's state: GET live_status, or GET job-status for a bulk job and for an id live_status does not know
        /// (a job piped on as a bare id). A run this process started less than <see cref="VisibilityGrace"/> ago that
        /// neither knows yet is left as started (queued): it exists, the API said so when it started it.
        /// </summary>
        public async Task<SfWorkflowRun> RefreshAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            try
            {
                if (run.IsBulkJob) return await RefreshJobAsync(run, cancellationToken).ConfigureAwait(false);
                try
                {
                    var status = await Client.GetAsync<LiveStatusResponse>(LiveStatusPath(run), null, cancellationToken).ConfigureAwait(false);
                    return status.ApplyTo(run);
                }
                // Only an id of unknown kind may be a job: a run this process started as a workflow run is not one.
                catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.NotFound && StartedRuns.Find(run.JobId) is null)
                {
                    try
                    {
                        return await RefreshJobAsync(run, cancellationToken).ConfigureAwait(false);
                    }
                    // job-status does not know it either (or cannot say): the answer is live_status's.
                    catch (SixtyfourApiException)
                    {
                        throw e;
                    }
                }
            }
            catch (SixtyfourApiException e) when (e.StatusCode == HttpStatusCode.NotFound && JustStarted(run.JobId))
            {
                if (string.IsNullOrEmpty(run.Status)) run.Status = RunStatus.Queued;
                return run;
            }
        }

        private static bool JustStarted(string jobId) =>
            StartedRuns.Find(jobId) is StartedRun started && DateTime.UtcNow - started.StartedAtUtc < VisibilityGrace;

        /// <summary>Only the progress of live_status (blocks, percentages), for a job whose state comes from job-status.</summary>
        public async Task RefreshProgressAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            var status = await Client.GetAsync<LiveStatusResponse>(LiveStatusPath(run), null, cancellationToken).ConfigureAwait(false);
            var state = run.Status;
            status.ApplyTo(run);
            run.Status = state;
        }

        private static string LiveStatusPath(SfWorkflowRun run) => $"workflows/runs/{Uri.EscapeDataString(run.JobId)}/live_status";

        /// <summary>GET /job-status/{id}: the documented state of any async job, bulk ones included. Marks the run as a job.</summary>
        public async Task<SfWorkflowRun> RefreshJobAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            var job = await GetJobStatusAsync(run.JobId, cancellationToken).ConfigureAwait(false);
            job.ApplyTo(run);
            run.IsBulkJob = true;
            return run;
        }

        private Task<JobStatusResponse> GetJobStatusAsync(string jobId, CancellationToken cancellationToken) =>
            Client.GetAsync<JobStatusResponse>("job-status/" + Uri.EscapeDataString(jobId), null, cancellationToken);

        /// <summary>
        /// live_status says that a run ended without success, the runs list says why (status_reason, error_message):
        /// when no block carries the reason, it is looked up there. Best effort: the run is reported either way.
        /// </summary>
        public async Task ExplainFailureAsync(SfWorkflowRun run, CancellationToken cancellationToken)
        {
            if (!run.IsTerminal || RunStatus.IsCompleted(run.Status) || run.IsBulkJob || run.ErrorMessage != null || string.IsNullOrEmpty(run.WorkflowId)) return;
            try
            {
                var listed = (await ListRunsAsync(null, run.WorkflowId, 500, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(r => r.JobId == run.JobId);
                run.StatusReason = listed?.StatusReason;
                run.ErrorMessage = listed?.ErrorMessage;
            }
            catch (SixtyfourApiException)
            {
                // The reason stays unknown; the failure itself is already known.
            }
        }

        /// <summary>GET download-links in one format, in block order (files that belong to no block first).</summary>
        public async Task<IReadOnlyList<SfResultLink>> GetResultLinksAsync(string jobId, string format, CancellationToken cancellationToken)
        {
            var links = await Client.GetAsync<List<SfResultLink>>($"workflows/runs/{Uri.EscapeDataString(jobId)}/results/download-links",
                new QueryString().Add("format", format), cancellationToken).ConfigureAwait(false);
            foreach (var link in links)
            {
                link.JobId = jobId;
                link.Format = format;
            }
            return InBlockOrder(links);
        }

        /// <summary>
        /// A bulk job's result files in one format, from job-status's <c>results</c> (each file's format told by its
        /// name). A format job-status does not list is asked of download-links, where workflow runs list theirs.
        /// </summary>
        public async Task<IReadOnlyList<SfResultLink>> GetJobResultLinksAsync(string jobId, string format, CancellationToken cancellationToken)
        {
            var job = await GetJobStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
            var links = (job.Results ?? new List<SfResultLink>()).Where(l => FormatOfFile(l.Filename) == format).ToList();
            if (links.Count == 0 && format != "csv") return await GetResultLinksAsync(jobId, format, cancellationToken).ConfigureAwait(false);
            foreach (var link in links)
            {
                link.JobId = jobId;
                link.Format = format;
                link.FromJobStatus = true;
            }
            return InBlockOrder(links);
        }

        /// <summary>Asks again, the same way, for the links of the run <paramref name="link"/> came from (its signature expired).</summary>
        public Task<IReadOnlyList<SfResultLink>> GetResultLinksAsync(SfResultLink link, CancellationToken cancellationToken) =>
            link.FromJobStatus ? GetJobResultLinksAsync(link.JobId, link.Format, cancellationToken) : GetResultLinksAsync(link.JobId, link.Format, cancellationToken);

        /// <summary>The final output is the file with the highest block_number; files with none (an input copy) are not a block's output.</summary>
        public static SfResultLink? FinalOutput(IReadOnlyList<SfResultLink> links) =>
            links.Where(l => l.BlockNumber != null).OrderBy(l => l.BlockNumber).LastOrDefault() ?? (links.Count > 0 ? links[links.Count - 1] : null);

        private static IReadOnlyList<SfResultLink> InBlockOrder(List<SfResultLink> links) =>
            // The API lists them in block order; make it so even if it does not.
            links.OrderBy(l => l.BlockNumber ?? int.MinValue).ToList();

        private static string FormatOfFile(string filename)
        {
            var extension = Path.GetExtension(filename).TrimStart('.').ToLowerInvariant();
            return extension == "jsonl" ? "ndjson" : ResultFormats.Contains(extension) ? extension : "csv";
        }
    }
}
