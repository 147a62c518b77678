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

        [Fact]
        public async Task A_download_on_the_api_origin_carries_the_key_and_one_elsewhere_never_does()
        {
            using var storage = new FakeApi();
            _api.Respond(200, "a,b");
            storage.Respond(200, "a,b");
            var client = Client();
            using (await client.OpenDownloadAsync(new Uri(_api.BaseUri, "files/out.csv?sig=1"), CancellationToken.None)) { }
            using (await client.OpenDownloadAsync(new Uri(storage.BaseUri, "files/out.csv?sig=1"), CancellationToken.None)) { }
            Assert.Equal(Key, Single().Headers["x-api-key"]);
            Assert.False(Assert.Single(storage.Requests).Headers.ContainsKey("x-api-key"));
        }

        [Fact]
        public async Task A_redirect_from_the_api_origin_is_followed_without_the_key_even_back_to_the_api()
        {
            using var storage = new FakeApi();
            _api.Respond(302, "", new Dictionary<string, string> { ["Location"] = new Uri(storage.BaseUri, "bucket/out.csv").ToString() })
                .Respond(200, "a,b");
            storage.Respond(307, "", new Dictionary<string, string> { ["Location"] = new Uri(_api.BaseUri, "back.csv").ToString() });
            using var response = await Client().OpenDownloadAsync(new Uri(_api.BaseUri, "files/out.csv"), CancellationToken.None);
            Assert.Equal("a,b", await response.Content.ReadAsStringAsync());
            Assert.Equal(new[] { true, false }, _api.Requests.Select(r => r.Headers.ContainsKey("x-api-key")));
            Assert.False(Assert.Single(storage.Requests).Headers.ContainsKey("x-api-key"));
        }

        [Theory]
        [InlineData("file:///etc/passwd")]
        [InlineData("ftp://127.0.0.1/out.csv")]
        public async Task A_redirect_to_anything_but_http_is_one_error_and_no_retry(string location)
        {
            _api.Respond(302, "", new Dictionary<string, string> { ["Location"] = location });
            var error = await Assert.ThrowsAsync<UnsupportedDownloadUrlException>(() => Client().OpenDownloadAsync(new Uri(_api.BaseUri, "files/out.csv"), CancellationToken.None));
            Assert.DoesNotContain("passwd", error.Message);
            Single();
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        public async Task An_expired_link_is_asked_for_anew_once(int expired)
        {
            using var storage = new FakeApi();
            var fresh = new Uri(storage.BaseUri, "fresh.csv").ToString();
            storage.Respond(expired, """{"detail":"expired"}""").Respond(200, "a\n1\n");
            _api.Respond(200, $$"""[{"filename":"out.csv","storage_bucket":"b","block_number":2,"download_url":"{{fresh}}"}]""");
            var api = new SixtyfourApi(Client(attempts: 1));
            var link = new Sixtyfour.Models.SfResultLink { Filename = "out.csv", BlockNumber = 2, JobId = "j1", Format = "csv", DownloadUrl = new Uri(storage.BaseUri, "old.csv").ToString() };
            using var response = await new ResultDownloader(api).OpenAsync(link, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new[] { "/old.csv", "/fresh.csv" }, storage.Requests.Select(r => r.PathAndQuery));
            Assert.Equal("/workflows/runs/j1/results/download-links?format=csv", Single().PathAndQuery);
        }

        [Fact]
        public async Task One_odd_time_in_a_schedule_does_not_fail_the_listing()
        {
            _api.Respond(200, """
                [{"id":"s1","workflow_id":"w","name":"n","cron_expression":"0 6 * * *","timezone":"UTC","is_active":true,
                  "next_run_times":["2026-12-01T06:00:00Z","soon",null,"2026-12-02T06:00:00+00:00"],"created_at":"2026-01-01T00:00:00Z","updated_at":"not a date"}]
                """);
            var schedule = Assert.Single(await new SixtyfourApi(Client()).ListSchedulesAsync(null, CancellationToken.None));
            Assert.Equal(new[] { new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc) }, schedule.NextRunTimes);
            Assert.Null(schedule.UpdatedAt);
        }

        [Fact]
        public async Task The_final_output_is_the_highest_block_number_whatever_the_order_and_the_nulls()
        {
            _api.Respond(200, """
                [{"filename":"final.csv","storage_bucket":"b","block_number":3,"download_url":"http://x/3"},
                 {"filename":"input.csv","storage_bucket":"b","block_number":null,"download_url":"http://x/in"},
                 {"filename":"mid.csv","storage_bucket":"b","block_number":2,"download_url":null,"message":"signing failed"}]
                """);
            var links = await new SixtyfourApi(Client()).GetResultLinksAsync("j1", "csv", CancellationToken.None);
            Assert.Equal(new[] { "input.csv", "mid.csv", "final.csv" }, links.Select(l => l.Filename));
            Assert.Equal("final.csv", SixtyfourApi.FinalOutput(links)!.Filename);
        }

        private RecordedRequest Single() => Assert.Single(_api.Requests);

        public void Dispose() => _api.Dispose();
    }
}
