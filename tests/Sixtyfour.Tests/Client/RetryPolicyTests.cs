using System.Net;
using System.Net.Sockets;
using Sixtyfour.Client;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class RetryPolicyTests
    {
        private readonly RetryPolicy _policy = new RetryPolicy();

        [Theory]
        [InlineData(408, true)]
        [InlineData(429, true)]
        [InlineData(500, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(404, false)]
        [InlineData(409, false)]
        [InlineData(422, false)]
        public void Idempotent_requests_retry_transient_statuses(int status, bool expected) =>
            Assert.Equal(expected, _policy.ShouldRetry(true, (HttpStatusCode)status, null));

        [Theory]
        [InlineData(429, true)]
        [InlineData(503, true)]
        [InlineData(500, false)]
        [InlineData(502, false)]
        [InlineData(504, false)]
        [InlineData(408, false)]
        public void Other_requests_retry_only_when_the_server_cannot_have_acted(int status, bool expected) =>
            Assert.Equal(expected, _policy.ShouldRetry(false, (HttpStatusCode)status, null));

        [Fact]
        public void A_refused_connection_is_safe_to_retry_for_any_request()
        {
            var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
            Assert.True(_policy.ShouldRetry(false, null, refused));
            Assert.False(_policy.ShouldRetry(false, null, new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset))));
            Assert.True(_policy.ShouldRetry(true, null, new IOException("truncated")));
        }

        [Fact]
        public void Backoff_is_jittered_below_an_exponential_ceiling_and_retry_after_wins()
        {
            for (var attempt = 1; attempt <= 8; attempt++)
            {
                var delay = _policy.DelayFor(attempt, null);
                Assert.InRange(delay.TotalMilliseconds, 0, Math.Min(_policy.MaxDelay.TotalMilliseconds, 1000 * Math.Pow(2, attempt - 1)));
            }
            Assert.Equal(TimeSpan.FromSeconds(7), _policy.DelayFor(1, TimeSpan.FromSeconds(7)));
            Assert.Equal(_policy.MaxDelay, _policy.DelayFor(1, TimeSpan.FromHours(1)));
            Assert.Equal(TimeSpan.Zero, _policy.DelayFor(1, TimeSpan.FromSeconds(-5)));
        }
        [Fact]
        public void Any_failure_other_than_a_transient_one_is_final()
        {
            Assert.False(_policy.ShouldRetry(true, null, null));
            Assert.True(_policy.ShouldRetry(true, null, new HttpRequestException("reset")));
            Assert.True(_policy.ShouldRetry(true, null, new TimeoutException()));
            Assert.False(_policy.ShouldRetry(true, null, new InvalidOperationException()));
            Assert.False(_policy.ShouldRetry(false, null, new IOException("truncated")));
            Assert.True(_policy.ShouldRetry(false, null, new SocketException((int)SocketError.ConnectionRefused)));
            // However deep the refusal is wrapped.
            Assert.True(_policy.ShouldRetry(false, null, new IOException("outer", new HttpRequestException("middle", new SocketException((int)SocketError.ConnectionRefused)))));
        }

        [Fact]
        public void Jitter_spreads_each_wait_over_the_whole_range_below_its_ceiling()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };
            foreach (var (attempt, ceiling) in new[] { (1, 1000.0), (2, 2000.0), (3, 3000.0), (9, 3000.0) })
            {
                var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayFor(attempt, null).TotalMilliseconds).ToList();
                Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
                // 200 uniform draws all in the lower half (or all equal) would happen once in 2^200 runs.
                Assert.True(delays.Max() > ceiling / 2, $"attempt {attempt}: max {delays.Max()}");
                Assert.True(delays.Distinct().Count() > 100, $"attempt {attempt}: {delays.Distinct().Count()} distinct delays");
            }
        }

        private static SixtyfourApiException Refused(TimeSpan? retryAfter) =>
            new SixtyfourApiException(HttpStatusCode.ServiceUnavailable, "GET", new Uri("http://127.0.0.1/x"), "busy", null, retryAfter);

        [Fact]
        public async Task Tries_at_most_max_attempts_numbering_each_and_logging_every_retry()
        {
            var policy = new RetryPolicy { MaxAttempts = 3 };
            var attempts = new List<int>();
            var log = new List<string>();
            var error = await Assert.ThrowsAsync<SixtyfourApiException>(() => policy.RunAsync<int>("GET /x", (n, _) =>
            {
                attempts.Add(n);
                throw Refused(TimeSpan.Zero);
            }, _ => true, log.Add, CancellationToken.None));
            Assert.Equal(new[] { 1, 2, 3 }, attempts);
            Assert.Equal(new[] { $"Retrying GET /x in 0.0 s (try 2 of at most 3): {error.Message}", $"Retrying GET /x in 0.0 s (try 3 of at most 3): {error.Message}" }, log);
        }

        [Fact]
        public async Task Returns_the_first_success_and_passes_the_token_to_the_attempt()
        {
            using var cts = new CancellationTokenSource();
            var attempts = 0;
            var result = await new RetryPolicy().RunAsync("GET /x", (n, token) =>
            {
                Assert.Equal(cts.Token, token);
                return ++attempts < 3 ? throw Refused(TimeSpan.Zero) : Task.FromResult(n * 10);
            }, _ => true, null, cts.Token);
            Assert.Equal(30, result);
            Assert.Equal(3, attempts);
        }

        [Fact]
        public async Task A_failure_the_caller_calls_final_is_not_retried()
        {
            var attempts = 0;
            Exception? judged = null;
            var failure = new IOException("final");
            var thrown = await Assert.ThrowsAsync<IOException>(() => new RetryPolicy().RunAsync<int>("GET /x", (_, _) =>
            {
                attempts++;
                throw failure;
            }, e => { judged = e; return false; }, null, CancellationToken.None));
            Assert.Same(failure, thrown);
            Assert.Same(failure, judged);
            Assert.Equal(1, attempts);
        }

        [Fact]
        public async Task No_retry_starts_when_its_wait_would_end_after_the_time_budget()
        {
            var policy = new RetryPolicy { MaxDelay = TimeSpan.FromHours(1), MaxElapsed = TimeSpan.FromSeconds(10) };
            var attempts = 0;
            await Assert.ThrowsAsync<SixtyfourApiException>(() => policy.RunAsync<int>("GET /x", (_, _) =>
            {
                attempts++;
                throw Refused(TimeSpan.FromSeconds(11));
            }, _ => true, null, CancellationToken.None));
            Assert.Equal(1, attempts);
        }

        [Fact]
        public async Task A_cancellation_is_never_retried()
        {
            var attempts = 0;
            await Assert.ThrowsAsync<OperationCanceledException>(() => new RetryPolicy().RunAsync<int>("GET /x", (_, _) =>
            {
                attempts++;
                throw new OperationCanceledException();
            }, _ => true, null, CancellationToken.None));
            Assert.Equal(1, attempts);
        }

        [Fact]
        public async Task Cancelling_during_the_wait_before_a_retry_ends_the_run_there()
        {
            using var cts = new CancellationTokenSource();
            var policy = new RetryPolicy { MaxDelay = TimeSpan.FromHours(1), MaxElapsed = TimeSpan.FromHours(2) };
            var attempts = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.RunAsync<int>("GET /x", (_, _) =>
            {
                attempts++;
                cts.Cancel();
                throw Refused(TimeSpan.FromMinutes(30));
            }, _ => true, null, cts.Token));
            Assert.Equal(1, attempts);
        }
    }
}
