using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class ErrorBodyTests
    {
        [Theory]
        [InlineData("""{"detail":"Workflow not found"}""", "Workflow not found")]
        [InlineData("""{"detail":[{"loc":["body","target_company","domain"],"msg":"Field required","type":"missing"}]}""", "body.target_company.domain: Field required")]
        [InlineData("""{"detail":[{"loc":["query","limit"],"msg":"too big"},{"msg":"no loc"}]}""", "query.limit: too big; no loc")]
        [InlineData("""{"error":"Bad Request","message":"Invalid JSON"}""", "Bad Request: Invalid JSON")]
        [InlineData("""{"error":"Rate limit exceeded"}""", "Rate limit exceeded")]
        [InlineData("""{"error":{"code":"not_found","message":"Run not found"}}""", "not_found: Run not found")]
        [InlineData("""{"error":{"message":"Run not found"}}""", "Run not found")]
        [InlineData("""{"error":{"code":"internal_error"}}""", "internal_error")]
        [InlineData("""{"message":"Only a message"}""", "Only a message")]
        [InlineData("""{"detail":{"error":{"code":"x","message":"nested"}}}""", "x: nested")]
        [InlineData("""{"unexpected":1}""", """{"unexpected":1}""")]
        [InlineData("", null)]
        [InlineData("   ", null)]
        [InlineData("[1,2]", "[1,2]")]
        public void Reads_every_documented_error_shape(string body, string? expected) => Assert.Equal(expected, ErrorBody.Detail(body));

        [Fact]
        public void Quotes_a_proxy_html_page_as_text_without_tags_scripts_or_entities()
        {
            const string page = "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style><script>var x = '<b>';</script></head>"
                + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx &amp; friends</center><!-- a comment --></body></html>";
            Assert.Equal("502 Bad Gateway 502 Bad Gateway nginx & friends", ErrorBody.Detail(page));
        }

        [Fact]
        public void Cuts_a_long_body_short()
        {
            var detail = ErrorBody.Detail("<p>" + new string('x', 5000) + "</p>")!;
            Assert.Equal(201, detail.Length);
            Assert.EndsWith("…", detail);
        }
    }
}
