using System.Net;
using Sixtyfour.Client;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class SixtyfourClientTests : IDisposable
    {
        private const string Key = "test-key-1234";
        private readonly FakeApi _api = new FakeApi();

        private SixtyfourClient Client(int attempts = 4, double requestTimeoutSec = 10) =>
            new SixtyfourClient(new SixtyfourConnection(_api.BaseUri, SixtyfourConnection.ToSecureString(Key)),
                new SixtyfourClientOptions
                {
                    RequestTimeout = TimeSpan.FromSeconds(requestTimeoutSec),
                    Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
                });

        [Fact]
        public async Task Sends_the_key_and_reads_typed_json()
        {
            _api.Respond(200, """[{"id":"w1","name":"One","status":"active","step":"completed","created_at":"2026-02-10T12:00:00Z","updated_at":"2026-02-12T10:30:00","extra":1}]""");
            var workflows = await new SixtyfourApi(Client()).ListWorkflowsAsync(CancellationToken.None);

            var workflow = Assert.Single(workflows);
            Assert.Equal("One", workflow.Name);
            Assert.Equal(new DateTime(2026, 2, 10, 12, 0, 0, DateTimeKind.Utc), workflow.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, workflow.UpdatedAt!.Value.Kind);
            var request = Assert.Single(_api.Requests);
            Assert.Equal("/workflows", request.PathAndQuery);
            Assert.Equal(Key, request.Headers["x-api-key"]);
        }

        [Fact]
        public async Task Retries_a_get_on_503_and_429_honouring_retry_after()
        {
            _api.Respond(503, """{"detail":"busy"}""").Respond(429, """{"detail":"Rate limit exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "0" })
                .Respond(200, "[]");
            var workflows = await new SixtyfourApi(Client()).ListWorkflowsAsync(CancellationToken.None);
            Assert.Empty(workflows);
            Assert.Equal(3, _api.Requests.Count);
        }

        [Fact]
        public async Task Gives_up_after_the_attempt_limit_with_the_api_detail()
        {
            _api.Respond(500, """{"detail":"Internal server error"}""").Respond(500, """{"detail":"Internal server error"}""");
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => new SixtyfourApi(Client(attempts: 2)).ListWorkflowsAsync(CancellationToken.None));
            Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
            Assert.Equal("Internal server error", error.Detail);
            Assert.Equal(2, _api.Requests.Count);
        }

        [Fact]
        public async Task Does_not_retry_a_post_after_a_500_because_it_may_have_started_a_run()
        {
            _api.Respond(500, """{"detail":"Internal server error"}""").Respond(200, """{"status":"queued","workflow_id":"w","job_id":"j2"}""");
            await Assert.ThrowsAsync<SixtyfourApiException>(() =>
                new SixtyfourApi(Client()).StartRunAsync("w", null, Array.Empty<string>(), false, "key-1", CancellationToken.None));
            Assert.Single(_api.Requests);
        }

        [Fact]
        public async Task Retries_a_post_refused_with_429_sending_the_same_idempotency_key()
        {
            _api.Respond(429, """{"detail":"Rate limit exceeded"}""").Respond(200, """{"status":"queued","workflow_id":"w","job_id":"j1"}""");
            var run = await new SixtyfourApi(Client()).StartRunAsync("w", null, new[] { "csv", "ndjson" }, false, "key-1", CancellationToken.None);
            Assert.Equal("j1", run.JobId);
            Assert.Equal(2, _api.Requests.Count);
            Assert.All(_api.Requests, r => Assert.Equal("key-1", r.Headers["Idempotency-Key"]));
            Assert.Equal("/workflows/run?workflow_id=w&result_formats=csv&result_formats=ndjson", _api.Requests[0].PathAndQuery);
        }

        [Fact]
        public async Task Reads_fastapi_validation_errors_into_one_message()
        {
            _api.Respond(422, """{"detail":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 500","type":"less_than_equal"}]}""");
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => new SixtyfourApi(Client()).GetWorkflowAsync("w", CancellationToken.None));
            Assert.Equal("query.limit: Input should be less than or equal to 500", error.Detail);
        }

        [Fact]
        public async Task Never_sends_the_key_to_a_signed_download_url()
        {
            _api.Respond(200, "a,b\n1,2\n");
            using var response = await Client().OpenDownloadAsync(new Uri(_api.BaseUri, "signed/file.csv?sig=abc"), CancellationToken.None);
            Assert.Equal("a,b\n1,2\n", await response.Content.ReadAsStringAsync());
            Assert.False(Single().Headers.ContainsKey("x-api-key"));
        }

        [Fact]
        public async Task Does_not_follow_an_api_redirect_that_would_carry_the_key_elsewhere()
        {
            _api.Respond(302, "", new Dictionary<string, string> { ["Location"] = "http://127.0.0.2:1/steal" });
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => new SixtyfourApi(Client()).ListWorkflowsAsync(CancellationToken.None));
            Assert.Equal(HttpStatusCode.Found, error.StatusCode);
            Assert.Single(_api.Requests);
        }

        [Fact]
        public async Task Cancellation_ends_a_retry_wait_at_once()
        {
            _api.Respond(503, "{}", new Dictionary<string, string> { ["Retry-After"] = "30" });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var client = new SixtyfourClient(new SixtyfourConnection(_api.BaseUri, SixtyfourConnection.ToSecureString(Key)),
                new SixtyfourClientOptions { Retry = new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(30) } });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SixtyfourApi(client).ListWorkflowsAsync(cancel.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }

        [Fact]
        public async Task Maps_live_status_onto_the_run()
        {
            _api.Respond(200, """
                {"run_id":"j1","workflow_id":"w1","overall_status":"running","current_block":"find_email","current_block_sequence":2,
                 "total_blocks":3,"completed_blocks":1,"started_at":"not a date","last_updated":"2026-02-12T09:15:40Z","overall_progress_percentage":50.0,
                 "blocks":[{"block_id":"input","block_name":"webhook","sequence_number":1,"status":"completed","processed_count":2,"total_count":2,
                   "last_updated":"2026-02-12T09:15:02Z","metrics":{"row_count":2,"dataframe_type":"LEAD"}},
                  {"block_name":"find_email","sequence_number":2,"status":"failed","error_message":"boom","last_updated":"x","metrics":{}}]}
                """);
            var run = await new SixtyfourApi(Client()).RefreshAsync(new SfWorkflowRun { JobId = "j1", ResultFormats = new[] { "ndjson" } }, CancellationToken.None);
            Assert.Equal("running", run.Status);
            Assert.Equal("w1", run.WorkflowId);
            Assert.Null(run.StartedAt);
            Assert.Equal(50.0, run.ProgressPercentage);
            Assert.Equal(2, run.Blocks.Count);
            Assert.Equal(2, run.Blocks[0].Metrics!.RowCount);
            Assert.Equal("find_email: boom", run.ErrorMessage);
            Assert.Equal(new[] { "ndjson" }, run.ResultFormats);
            Assert.Equal("/workflows/runs/j1/live_status", Single().PathAndQuery);
        }

        private RecordedRequest Single() => Assert.Single(_api.Requests);

        public void Dispose() => _api.Dispose();
    }
}
