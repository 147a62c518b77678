using Sixtyfour.Client;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class SixtyfourConnectionTests
    {
        private static SixtyfourConnection Connect(string uri, bool insecure = false) =>
            new SixtyfourConnection(new Uri(uri), SixtyfourConnection.ToSecureString("sk_live_abcdefgh1234"), insecure);

        [Fact]
        public void Shows_only_the_last_four_characters_of_the_key()
        {
            var connection = Connect("https://api.sixtyfour.ai");
            Assert.Equal("…1234", connection.KeyHint);
            Assert.DoesNotContain("abcdefgh", connection.ToString());
        }

        [Theory]
        [InlineData("http://api.example.com")]
        [InlineData("http://10.0.0.5:8080")]
        [InlineData("ftp://api.sixtyfour.ai")]
        public void Refuses_to_send_the_key_in_clear_text_off_the_machine(string uri) =>
            Assert.Throws<ArgumentException>(() => Connect(uri));

        [Theory]
        [InlineData("http://127.0.0.1:6464", "http://127.0.0.1:6464/")]
        [InlineData("http://localhost:6464", "http://localhost:6464/")]
        [InlineData("http://[::1]:6464", "http://[::1]:6464/")]
        [InlineData("http://127.0.0.1:6464/api//", "http://127.0.0.1:6464/api/")]
        public void Allows_plain_http_on_loopback(string uri, string expected)
        {
            var connection = Connect(uri);
            Assert.Equal(expected, connection.BaseUri.ToString());
            Assert.Equal("http", connection.BaseUri.Scheme);
        }

        [Fact]
        public void Allows_plain_http_elsewhere_only_when_asked() =>
            Assert.Equal("api.example.com", Connect("http://api.example.com", insecure: true).BaseUri.Host);

        [Theory]
        [InlineData("https://api.sixtyfour.ai/workflows", true)]
        [InlineData("https://API.SIXTYFOUR.AI/x", true)]
        [InlineData("https://storage.googleapis.com/bucket/file.csv", false)]
        [InlineData("http://api.sixtyfour.ai/workflows", false)]
        [InlineData("https://api.sixtyfour.ai:8443/workflows", false)]
        [InlineData("https://api.sixtyfour.ai.evil.example/workflows", false)]
        public void Knows_which_hosts_may_see_the_key(string uri, bool expected) =>
            Assert.Equal(expected, Connect("https://api.sixtyfour.ai").IsApiHost(new Uri(uri)));

        [Fact]
        public void Normalises_the_base_uri_to_end_in_one_slash() =>
            Assert.Equal("https://api.example.com/v1/", Connect("https://api.example.com/v1//?x=1").BaseUri.ToString());
    }
}
