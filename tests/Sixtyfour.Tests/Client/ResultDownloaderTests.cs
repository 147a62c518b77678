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

        /// <summary>-MaxRetryCount 2: three tries of the whole transfer, not three tries of each request inside three tries of the transfer.</summary>
        [Fact]
        public async Task A_download_that_always_fails_is_tried_MaxRetryCount_plus_one_times_in_all()
        {
            using var api = new FakeApi();
            for (var i = 0; i < 12; i++) api.RespondNever(Silence);
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = CsvLink(api);
                var log = new List<string>();
                await Assert.ThrowsAsync<TimeoutException>(() => Downloader(api, attempts: 3, timeout: Silence / 10, log).SaveAsync(link, folder, false, null, CancellationToken.None));
                AssertTries(3, log, api);
                Assert.Empty(Directory.GetFileSystemEntries(folder));
            }
            finally { Directory.Delete(folder, true); }
        }

        [Fact]
        public async Task Rows_that_always_fail_are_tried_MaxRetryCount_plus_one_times_in_all()
        {
            using var api = new FakeApi();
            for (var i = 0; i < 12; i++) api.RespondNever(Silence);
            var link = CsvLink(api);
            var log = new List<string>();
            await Assert.ThrowsAsync<TimeoutException>(() => Downloader(api, attempts: 3, timeout: Silence / 10, log).ReadAsync(link, (_, _) => Task.CompletedTask, CancellationToken.None));
            AssertTries(3, log, api);
        }

        /// <summary>The copy reads with blocking calls, which no token stops: a silent server must still be given up on.</summary>
        [Fact]
        public async Task A_download_that_goes_silent_midway_times_out_instead_of_waiting_for_the_server()
        {
            using var api = new FakeApi();
            api.RespondStalled("email,name\na@x.test,A\n", 1_000_000, StalledFor);
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = CsvLink(api);
                var received = 0L;
                var save = Downloader(api, attempts: 1, timeout: TimeSpan.FromMilliseconds(500)).SaveAsync(link, folder, false, (done, _) => received = done, CancellationToken.None);
                Assert.Same(save, await Task.WhenAny(save, Task.Delay(StalledFor / 2)));
                await Assert.ThrowsAsync<TimeoutException>(() => save);
                Assert.Equal(22, received);
                Assert.Empty(Directory.GetFileSystemEntries(folder));
            }
            finally { Directory.Delete(folder, true); }
        }

        [Fact]
        public async Task A_download_stopped_midway_ends_at_once_and_leaves_no_file()
        {
            using var api = new FakeApi();
            api.RespondStalled("email,name\na@x.test,A\n", 1_000_000, StalledFor);
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = CsvLink(api);
                using var stop = new CancellationTokenSource();
                var save = Downloader(api).SaveAsync(link, folder, false, (_, _) => stop.Cancel(), stop.Token);
                Assert.Same(save, await Task.WhenAny(save, Task.Delay(StalledFor / 2)));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);
                Assert.Single(api.Requests);
                Assert.Empty(Directory.GetFileSystemEntries(folder));
            }
            finally { Directory.Delete(folder, true); }
        }

        [Fact]
        public async Task Rows_of_a_download_that_goes_silent_midway_time_out_instead_of_waiting_for_the_server()
        {
            using var api = new FakeApi();
            api.RespondStalled("email,name\na@x.test,A\n", 1_000_000, StalledFor);
            var link = CsvLink(api);
            var received = 0;
            var read = Downloader(api, attempts: 1, timeout: TimeSpan.FromMilliseconds(500)).ReadAsync(link, (body, _) =>
            {
                var buffer = new byte[64];
                for (int n; (n = body.Read(buffer, 0, buffer.Length)) > 0;) received += n;
                return Task.CompletedTask;
            }, CancellationToken.None);
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(StalledFor / 2)));
            await Assert.ThrowsAsync<TimeoutException>(() => read);
            Assert.Equal(22, received);
        }

        /// <summary>How long a stalled server stays silent: far beyond any stall limit or stop these tests wait for.</summary>
        private static readonly TimeSpan StalledFor = TimeSpan.FromSeconds(40);

        [Fact]
        public async Task An_interrupted_download_resumes_with_a_range_request_for_the_rest_of_the_same_file()
        {
            const string content = "email,name\na@x.test,A\nb@x.test,B\n";
            using var api = new FakeApi();
            api.RespondTruncated(content.Substring(0, 20), content.Length, new Dictionary<string, string> { ["ETag"] = "\"v1\"" })
                .Respond(206, content.Substring(20), new Dictionary<string, string> { ["Content-Range"] = $"bytes 20-{content.Length - 1}/{content.Length}" });
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = CsvLink(api);
                var saved = await Downloader(api).SaveAsync(link, folder, false, null, CancellationToken.None);
                Assert.Equal(content, File.ReadAllText(saved.File.FullName));
                Assert.Equal(2, api.Requests.Count);
                Assert.False(api.Requests[0].Headers.ContainsKey("Range"));
                Assert.Equal("bytes=20-", api.Requests[1].Headers["Range"]);
                Assert.Equal("\"v1\"", api.Requests[1].Headers["If-Range"]);
            }
            finally { Directory.Delete(folder, true); }
        }

        [Fact]
        public async Task A_server_that_ignores_the_range_sends_the_whole_file_again_and_it_is_saved_once()
        {
            const string content = "email,name\na@x.test,A\nb@x.test,B\n";
            using var api = new FakeApi();
            api.RespondTruncated(content.Substring(0, 20), content.Length).Respond(200, content);
            var folder = Directory.CreateTempSubdirectory().FullName;
            try
            {
                var link = CsvLink(api);
                var saved = await Downloader(api).SaveAsync(link, folder, false, null, CancellationToken.None);
                Assert.Equal(content, File.ReadAllText(saved.File.FullName));
                Assert.Equal("bytes=20-", api.Requests[1].Headers["Range"]);
            }
            finally { Directory.Delete(folder, true); }
        }

        private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);

        /// <summary>The CSV result link most tests here download, served by <paramref name="api"/>.</summary>
        private static SfResultLink CsvLink(FakeApi api) =>
            new SfResultLink { Filename = "out.csv", BlockNumber = 1, Format = "csv", DownloadUrl = new Uri(api.BaseUri, "f.csv").ToString() };

        private static ResultDownloader Downloader(FakeApi api, int attempts = 5, TimeSpan? timeout = null, List<string>? log = null) =>
            new ResultDownloader(new SixtyfourApi(new SixtyfourClient(new SixtyfourConnection(api.BaseUri, SixtyfourConnection.ToSecureString("k")),
                new SixtyfourClientOptions
                {
                    RequestTimeout = timeout ?? TimeSpan.FromSeconds(100),
                    Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1) },
                }, log is null ? null : (Action<string>)(line => { lock (log) log.Add(line); }))));

        /// <summary>
        /// The tries made, as the retry engine announces each one after the first. The server's count is only a bound:
        /// a try cut off by its timeout before it was sent (a loaded machine) never reaches it.
        /// </summary>
        private static void AssertTries(int tries, List<string> log, FakeApi api)
        {
            Assert.Equal(Enumerable.Range(2, tries - 1).Select(n => $"try {n} of at most {tries}"),
                log.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"try \d+ of at most \d+").Value));
            lock (api.Requests) Assert.InRange(api.Requests.Count, 1, tries);
        }
    }
}
