using Sixtyfour.Client;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class ResultDownloaderTests
    {
        [Theory]
        [InlineData("results.csv", "results.csv")]
        [InlineData("../../etc/passwd", "passwd")]
        [InlineData("..\\..\\Windows\\win.ini", "win.ini")]
        [InlineData("/abs/path/out.ndjson", "out.ndjson")]
        [InlineData("a:b*c?.csv", "a_b_c_.csv")]
        [InlineData("CON.csv", "_CON.csv")]
        [InlineData("lpt1", "_lpt1")]
        [InlineData("..", "result")]
        [InlineData("", "result")]
        [InlineData("trailing. ", "trailing")]
        [InlineData("nul.tar.csv", "_nul.tar.csv")]
        [InlineData("CON .csv", "_CON .csv")]
        [InlineData("CONIN$.csv", "_CONIN$.csv")]
        [InlineData("conout$", "_conout$")]
        [InlineData("COM\u00B9.csv", "_COM\u00B9.csv")]
        [InlineData("LPT\u00B3", "_LPT\u00B3")]
        [InlineData("COMPANY.csv", "COMPANY.csv")]
        [InlineData("console.csv", "console.csv")]
        public void Server_file_names_cannot_choose_where_a_file_lands(string name, string expected) =>
            Assert.Equal(expected, ResultDownloader.SafeFileName(name));

        [Theory]
        [InlineData('a')]
        [InlineData('\u65e5')]
        public void A_name_too_long_for_the_file_system_keeps_its_start_and_extension_and_stays_apart_from_others(char letter)
        {
            var one = ResultDownloader.SafeFileName(new string(letter, 300) + "1.csv");
            var two = ResultDownloader.SafeFileName(new string(letter, 300) + "2.csv");
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(one) <= 200, one);
            Assert.EndsWith(".csv", one);
            Assert.StartsWith(new string(letter, 10), one);
            Assert.NotEqual(one, two);
            Assert.Equal(one, ResultDownloader.SafeFileName(new string(letter, 300) + "1.csv"));
        }

        [Fact]
        public async Task A_server_that_sends_more_than_it_announced_is_stopped_at_once_and_not_asked_again()
        {
            using var api = new FakeApi();
            api.Respond(200, new string('x', 300_000)).Respond(200, new string('x', 300_000));
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = new SfResultLink { Filename = "out.csv", FileSize = 8, BlockNumber = 1, Format = "csv", DownloadUrl = new Uri(api.BaseUri, "f.csv").ToString() };
                await Assert.ThrowsAsync<ResultSizeMismatchException>(() => Downloader(api).SaveAsync(link, folder, false, null, CancellationToken.None));
                Assert.Single(api.Requests);
                Assert.Empty(Directory.GetFileSystemEntries(folder));
            }
            finally { Directory.Delete(folder, true); }
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("/relative/out.csv")]
        [InlineData(null)]
        public async Task A_link_without_a_usable_url_is_one_error_and_nothing_is_sent(string? url)
        {
            using var api = new FakeApi();
            var link = new SfResultLink { Filename = "out.csv", BlockNumber = 1, Format = "csv", DownloadUrl = url };
            await Assert.ThrowsAsync<UnsupportedDownloadUrlException>(() => Downloader(api).OpenAsync(link, CancellationToken.None));
            Assert.Empty(api.Requests);
        }

        private static ResultDownloader Downloader(FakeApi api) =>
            new ResultDownloader(new SixtyfourApi(new SixtyfourClient(new SixtyfourConnection(api.BaseUri, SixtyfourConnection.ToSecureString("k")),
                new SixtyfourClientOptions { Retry = new RetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(1) } })));
    }
}
