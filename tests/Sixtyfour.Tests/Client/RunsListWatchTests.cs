using Sixtyfour.Client;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    /// <summary>Many waits at once: one runs-list poll stands in for a poll per run, whatever the list looks like.</summary>
    public sealed class RunsListWatchTests : IDisposable
    {
        private const int Runs = RunsListWatch.Threshold + 2;
        private readonly FakeApi _api = new FakeApi();
        private readonly SixtyfourApi _client;

        public RunsListWatchTests() =>
            // One connection for every wait, as in one session; a budget too large to slow the fast polls down.
            _client = new SixtyfourApi(new SixtyfourClient(new SixtyfourConnection(_api.BaseUri, SixtyfourConnection.ToSecureString("k")),
                new SixtyfourClientOptions { Retry = new RetryPolicy { MaxAttempts = 1 } }));

        public void Dispose() => _api.Dispose();

        private static string Live(string id, string status) =>
            $$"""{"run_id":"{{id}}","workflow_id":"w","overall_status":"{{status}}","last_updated":"2026-01-01T00:00:00Z"}""";

        private static string List(params (string Id, string Status)[] runs) =>
            "[" + string.Join(",", runs.Select(r => $$"""{"job_id":"{{r.Id}}","workflow_id":"w","status":"{{r.Status}}"}""")) + "]";

        private static string Id(int i) => $"run-{i:00}";

        private List<Task<SfWorkflowRun>> StartWaits()
        {
            var waiter = new RunWaiter(_client, new PollingOptions
            {
                FirstInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(60), PollsPerMinute = 1_000_000,
            }, new RequestBudget());
            return Enumerable.Range(0, Runs).Select(i => waiter.WaitAsync(new SfWorkflowRun { JobId = Id(i) }, _ => { }, _ => { }, CancellationToken.None)).ToList();
        }

        private int Count(Func<string, bool> which)
        {
            lock (_api.Requests) return _api.Requests.Count(r => which(r.PathAndQuery));
        }

        private static bool IsList(string path) => path.StartsWith("/workflows/runs?status=active", StringComparison.Ordinal);

        private static bool IsPoll(string path) => path.EndsWith("/live_status", StringComparison.Ordinal);

        private async Task UntilAsync(Func<bool> condition)
        {
            for (var i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
            Assert.True(condition(), "the condition was not met within 10 s");
        }

        [Fact]
        public async Task While_the_list_shows_every_run_active_no_run_is_polled_and_one_it_stops_showing_is_polled_and_ends()
        {
            _api.Route("/workflows/runs", 200, List(Enumerable.Range(0, Runs).Select(i => (Id(i), "running")).ToArray()));
            _api.Route("/workflows/runs/", 200, Live("x", "running"));
            var waits = StartWaits();

            await UntilAsync(() => Count(IsList) >= 2);
            var polls = Count(IsPoll);
            var lists = Count(IsList);
            await UntilAsync(() => Count(IsList) >= lists + 10);
            Assert.Equal(polls, Count(IsPoll));
            Assert.True(polls <= Runs, $"{polls} polls before the list took over");
            Assert.Contains(_api.Requests, r => r.PathAndQuery == "/workflows/runs?status=active&limit=500");

            var before = Count(p => p.StartsWith($"/workflows/runs/{Id(0)}/", StringComparison.Ordinal));
            // One run leaves the list, another is listed with an end state (a server that ignores the filter): both poll
            // their own live_status once and end; the others stay quiet.
            _api.Route($"/workflows/runs/{Id(0)}/", 200, Live(Id(0), "completed"));
            _api.Route($"/workflows/runs/{Id(1)}/", 200, Live(Id(1), "timeout"));
            _api.Route("/workflows/runs", 200, List(Enumerable.Range(1, Runs - 1).Select(i => (Id(i), i == 1 ? "timeout" : "running")).ToArray()));
            Assert.Equal("completed", (await waits[0]).Status);
            Assert.Equal("timeout", (await waits[1]).Status);
            lists = Count(IsList);
            await UntilAsync(() => Count(IsList) >= lists + 5);
            Assert.Equal(before + 1, Count(p => p.StartsWith($"/workflows/runs/{Id(0)}/", StringComparison.Ordinal)));
            Assert.All(waits.Skip(2), w => Assert.False(w.IsCompleted));
            Assert.Equal(polls + 2, Count(IsPoll));

            _api.Route("/workflows/runs/", 200, Live("x", "completed"));
            _api.Route("/workflows/runs", 200, "[]");
            Assert.All(await Task.WhenAll(waits), r => Assert.True(r.IsTerminal));
        }

        [Fact]
        public async Task A_list_the_API_refuses_is_asked_once_and_every_run_polls_on_its_own()
        {
            _api.Route("/workflows/runs", 422, """{"detail":"status: unknown value 'active'"}""");
            _api.Route("/workflows/runs/", 200, Live("x", "running"));
            var waits = StartWaits();
            await UntilAsync(() => Count(IsPoll) >= Runs * 5);
            Assert.Equal(1, Count(IsList));
            _api.Route("/workflows/runs/", 200, Live("x", "completed"));
            Assert.All(await Task.WhenAll(waits), r => Assert.Equal("completed", r.Status));
        }

        [Fact]
        public async Task Runs_a_list_cut_at_its_limit_leaves_out_keep_polling_on_their_own_and_end()
        {
            // More active runs than one answer holds: the list shows others, none of ours.
            _api.Route("/workflows/runs", 200, List(Enumerable.Range(0, 500).Select(i => ($"other-{i}", "running")).ToArray()));
            _api.Route("/workflows/runs/", 200, Live("x", "running"));
            var waits = StartWaits();
            await UntilAsync(() => Count(IsList) >= 3);
            var polls = Count(IsPoll);
            await UntilAsync(() => Count(IsPoll) >= polls + Runs * 2);
            _api.Route("/workflows/runs/", 200, Live("x", "completed"));
            Assert.All(await Task.WhenAll(waits), r => Assert.Equal("completed", r.Status));
        }
    }
}
