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
    }
}
