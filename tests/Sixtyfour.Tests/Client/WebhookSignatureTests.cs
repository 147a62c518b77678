using System.Text;
using Sixtyfour.Client;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class WebhookSignatureTests
    {
        private static readonly byte[] Secret = Encoding.UTF8.GetBytes("sk_whsec_test");
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event_id":"e1","run_id":"r1"}""");
        private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

        [Fact]
        public void Matches_a_known_hmac_of_t_dot_body()
        {
            // printf '%s' '1780000000.{"event_id":"e1","run_id":"r1"}' | openssl dgst -sha256 -hmac sk_whsec_test
            Assert.Equal("ab997ba85359c5ee115513a9355d158190f8bcc903fed787dd05e1275aa4568b", WebhookSignature.Compute(Secret, 1_780_000_000, Body));
            var header = $"t=1780000000,v1={WebhookSignature.Compute(Secret, 1_780_000_000, Body)}";
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, Secret, Body, Now, TimeSpan.FromSeconds(300)));
        }

        [Fact]
        public void Accepts_any_of_several_signatures_during_rotation()
        {
            var good = WebhookSignature.Compute(Secret, 1_780_000_000, Body);
            var header = $"t=1780000000,v1={new string('0', 64)},v1={good.ToUpperInvariant()}";
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, Secret, Body, Now, TimeSpan.FromSeconds(300)));
        }

        [Theory]
        [InlineData(301, nameof(SignatureCheck.OutsideTolerance))]
        [InlineData(-301, nameof(SignatureCheck.OutsideTolerance))]
        [InlineData(299, nameof(SignatureCheck.Valid))]
        [InlineData(300, nameof(SignatureCheck.Valid))]
        [InlineData(-300, nameof(SignatureCheck.Valid))]
        public void Rejects_signatures_outside_the_tolerance(int age, string outcome)
        {
            var expected = Enum.Parse<SignatureCheck>(outcome);
            var t = Now.ToUnixTimeSeconds() - age;
            var header = $"t={t},v1={WebhookSignature.Compute(Secret, t, Body)}";
            Assert.Equal(expected, WebhookSignature.Verify(header, Secret, Body, Now, TimeSpan.FromSeconds(300)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("v1=abc")]
        [InlineData("t=abc,v1=abc")]
        [InlineData("t=1780000000")]
        [InlineData("garbage")]
        public void Rejects_malformed_headers(string header) =>
            Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(header, Secret, Body, Now, TimeSpan.FromSeconds(300)));

        [Fact]
        public void Rejects_a_missing_header() =>
            Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(null!, Secret, Body, Now, TimeSpan.FromSeconds(300)));

        [Theory]
        [InlineData("t=1780000000,v1=")]       // an empty signature is no signature
        [InlineData("t=1780000000,v0={good}")] // only v1 is a signature scheme we know
        [InlineData("t=1780000000,x={good}")]
        public void Counts_only_non_empty_v1_values_as_signatures(string header) =>
            Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify(header.Replace("{good}", Good()), Secret, Body, Now, TimeSpan.FromSeconds(300)));

        [Theory]
        [InlineData("t=1780000000,garbage,v1={good}")]
        [InlineData("t,v1,t=1780000000,v1={good}")]  // a known name without '=' is no value
        [InlineData(" t=1780000000 , v1={good} ")]
        [InlineData("v1={good},t=1780000000")]
        public void Skips_parts_it_does_not_know_and_spaces(string header) =>
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header.Replace("{good}", Good()), Secret, Body, Now, TimeSpan.FromSeconds(300)));

        [Fact]
        public void Accepts_the_same_good_signature_twice()
        {
            // Two deliveries' worth of the same v1 (a rotation to the same secret): one match is enough, two still are.
            var header = $"t=1780000000,v1={Good()},v1={Good()}";
            Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, Secret, Body, Now, TimeSpan.FromSeconds(300)));
        }

        [Theory]
        [InlineData("abc")]
        [InlineData("{good}00")]
        public void Rejects_a_signature_of_another_length(string signature) =>
            Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify($"t=1780000000,v1={signature.Replace("{good}", Good())}", Secret, Body, Now, TimeSpan.FromSeconds(300)));

        private static string Good() => WebhookSignature.Compute(Secret, 1_780_000_000, Body);

        [Fact]
        public void Rejects_a_changed_body_or_another_secret()
        {
            var header = $"t=1780000000,v1={WebhookSignature.Compute(Secret, 1_780_000_000, Body)}";
            Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes("""{"event_id":"e2","run_id":"r1"}"""), Now, TimeSpan.FromSeconds(300)));
            Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(header, Encoding.UTF8.GetBytes("other"), Body, Now, TimeSpan.FromSeconds(300)));
        }
    }
}
