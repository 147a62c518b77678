using Sixtyfour.Client;
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
        public void Server_file_names_cannot_choose_where_a_file_lands(string name, string expected) =>
            Assert.Equal(expected, ResultDownloader.SafeFileName(name));
    }
}
