using System.Net;
using Sixtyfour.Client;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    /// <summary>The wait against answers the references allow but our emulator does not give by default.</summary>
    public sealed class RunWaiterTests : IDisposable
    {
        private readonly FakeApi _api = new FakeApi();
        private readonly List<string> _warnings = new List<string>();

        private SixtyfourApi Api() =>
            new SixtyfourApi(new SixtyfourClient(new SixtyfourConnection(_api.BaseUri, SixtyfourConnection.ToSecureString("k")),
                new SixtyfourClientOptions { Retry = new RetryPolicy { MaxAttempts = 1 } }));

        private Task<SfWorkflowRun> Wait(SfWorkflowRun run, TimeSpan? timeout = null) =>
            new RunWaiter(Api(), new PollingOptions { FirstInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(20), Timeout = timeout },
                new RequestBudget()).WaitAsync(run, _ => { }, _warnings.Add, CancellationToken.None);

        private static string Live(string? status) =>
            status is null ? """{"run_id":"r","workflow_id":"w","last_updated":"2026-01-01T00:00:00Z"}"""
                : $$"""{"run_id":"r","workflow_id":"w","overall_status":"{{status}}","last_updated":"2026-01-01T00:00:00Z"}""";

        [Theory]
        [InlineData("completed")]
        [InlineData("failed")]
        [InlineData("cancelled")]
        [InlineData("canceled")]
        [InlineData("timeout")]
        [InlineData("timed_out")]
        [InlineData("TERMINATED")]
        public async Task Every_end_state_ends_the_wait(string status)
        {
            _api.Respond(200, Live("running")).Respond(200, Live(status)).Respond(200, "[]");
            var run = await Wait(new SfWorkflowRun { JobId = "r" }, TimeSpan.FromSeconds(10));
            Assert.Equal(status, run.Status);
            Assert.True(run.IsTerminal);
            Assert.Equal(2, _api.Requests.Count(r => r.PathAndQuery.EndsWith("/live_status", StringComparison.Ordinal)));
            Assert.Empty(_warnings);
        }

        [Theory]
        [InlineData("paused")]
        [InlineData(null)]
        public async Task An_unknown_or_missing_status_keeps_the_wait_going_with_one_warning(string? odd)
        {
            _api.Respond(200, Live(odd)).Respond(200, Live(odd)).Respond(200, Live(odd)).Respond(200, Live("completed"));
            var run = await Wait(new SfWorkflowRun { JobId = "r" }, TimeSpan.FromSeconds(10));
            Assert.Equal("completed", run.Status);
            var warning = Assert.Single(_warnings);
            Assert.Contains(odd ?? "no status", warning);
            Assert.Equal(4, _api.Requests.Count);
        }

        [Fact]
        public async Task An_unknown_status_forever_ends_at_the_timeout()
        {
            for (var i = 0; i < 200; i++) _api.Respond(200, Live("paused"));
            // Long enough for the first poll to answer on a loaded machine (300 ms was not, and then no status was ever seen).
            var error = await Assert.ThrowsAsync<RunWaitTimeoutException>(() => Wait(new SfWorkflowRun { JobId = "r" }, TimeSpan.FromSeconds(2)));
            Assert.Contains("paused", error.Message);
            Assert.Single(_warnings);
        }

        [Fact]
        public async Task The_timeout_also_ends_a_wait_for_a_turn_of_the_shared_budget()
        {
            _api.Respond(200, Live("running"));
            var waiter = new RunWaiter(Api(), new PollingOptions
            {
                FirstInterval = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromMilliseconds(500), PollsPerMinute = 1,
            }, new RequestBudget());
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<RunWaitTimeoutException>(() => waiter.WaitAsync(new SfWorkflowRun { JobId = "r" }, _ => { }, _warnings.Add, CancellationToken.None));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the wait took {clock.Elapsed}, though the budget's next turn is a minute away");
            Assert.Single(_api.Requests);
        }

        [Fact]
        public async Task A_run_this_process_just_started_may_be_unknown_to_live_status_for_a_moment()
        {
            var id = Guid.NewGuid().ToString();
            StartedRuns.Record(new StartedRun(id, DateTime.UtcNow, new[] { "csv" }, null, isBulkJob: false));
            // live_status 404 twice; then the run shows up. A run started as a workflow run is never looked for in job-status.
            _api.Respond(404, """{"detail":"Run not found"}""").Respond(404, """{"detail":"Run not found"}""").Respond(200, Live("completed"));
            var run = await Wait(new SfWorkflowRun { JobId = id }, TimeSpan.FromSeconds(10));
            Assert.Equal("completed", run.Status);
            Assert.False(run.IsBulkJob);
            Assert.All(_api.Requests, r => Assert.EndsWith("/live_status", r.PathAndQuery, StringComparison.Ordinal));
            Assert.Equal(3, _api.Requests.Count);
        }

        [Fact]
        public async Task An_id_that_nobody_knows_is_not_found_at_once()
        {
            _api.Respond(404, """{"detail":"Run not found"}""").Respond(404, """{"detail":"Job not found"}""");
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => Wait(new SfWorkflowRun { JobId = Guid.NewGuid().ToString() }));
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.Equal(new[] { "/live_status", "/job-status/" }, _api.Requests.Select(r => r.PathAndQuery.Contains("live_status") ? "/live_status" : "/job-status/"));
        }

        [Fact]
        public async Task A_grace_period_ends_and_then_the_run_is_not_found()
        {
            var id = Guid.NewGuid().ToString();
            StartedRuns.Record(new StartedRun(id, DateTime.UtcNow - TimeSpan.FromSeconds(31), new[] { "csv" }, null, isBulkJob: false));
            _api.Respond(404, """{"detail":"Run not found"}""");
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => Wait(new SfWorkflowRun { JobId = id }));
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        }

        [Fact]
        public async Task A_429_on_a_poll_waits_as_asked_and_goes_on()
        {
            _api.Respond(429, """{"detail":"Rate limit exceeded"}""", new Dictionary<string, string> { ["Retry-After"] = "1" })
                .Respond(200, Live("completed"));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = await Wait(new SfWorkflowRun { JobId = "r" }, TimeSpan.FromSeconds(10));
            Assert.Equal("completed", run.Status);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited {clock.Elapsed} after a Retry-After of 1 s");
        }

        [Fact]
        public async Task A_bulk_job_is_followed_through_job_status_and_live_status_404_is_no_error()
        {
            var run = new SfWorkflowRun { JobId = "job-1", IsBulkJob = true };
            _api.Respond(200, """{"status":"running","id":"job-1","run_id":"t","start_time":"2026-06-10T00:00:00Z"}""")
                .Respond(404, """{"detail":"Run not found"}""")
                .Respond(200, """{"status":"running","id":"job-1","run_id":"t","start_time":"2026-06-10T00:00:00Z"}""")
                .Respond(200, """{"status":"completed","id":"job-1","run_id":"t","start_time":"2026-06-10T00:00:00Z","close_time":"2026-06-10T00:01:00Z","results":[]}""");
            run = await Wait(run, TimeSpan.FromSeconds(10));
            Assert.Equal("completed", run.Status);
            Assert.Equal(new DateTime(2026, 6, 10, 0, 1, 0, DateTimeKind.Utc), run.CompletedAt);
            // live_status was tried once for progress, and not again after its 404.
            Assert.Equal(new[] { "/job-status/job-1", "/workflows/runs/job-1/live_status", "/job-status/job-1", "/job-status/job-1" },
                _api.Requests.Select(r => r.PathAndQuery));
        }

        [Fact]
        public async Task A_bulk_job_known_only_by_its_id_is_found_through_job_status()
        {
            _api.Respond(404, """{"detail":"Run not found"}""")
                .Respond(200, """{"status":"timed_out","id":"job-2","run_id":"t","start_time":"2026-06-10T00:00:00Z"}""");
            var run = await Wait(new SfWorkflowRun { JobId = "job-2" });
            Assert.Equal("timed_out", run.Status);
            Assert.True(run.IsBulkJob);
        }

        public void Dispose() => _api.Dispose();
    }
}
