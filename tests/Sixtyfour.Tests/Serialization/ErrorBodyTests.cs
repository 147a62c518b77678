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

        [Theory]
        [InlineData("""{"detail":42}""", "42")]
        [InlineData("""{"detail":{"message":"inside detail"}}""", "inside detail")]
        [InlineData("""{"detail":{"other":1}}""", "{\"other\":1}")]
        [InlineData("""{"detail":["plain",3]}""", "plain; 3")]
        [InlineData("""{"detail":[{"loc":["a",0]}]}""", "a.0: {\"loc\":[\"a\",0]}")]
        [InlineData("""{"detail":[{"loc":"body","msg":"not a list"}]}""", "not a list")]
        [InlineData("""{"detail":[{"loc":["body",0,"email"],"msg":7}]}""", "body.0.email: 7")]
        [InlineData("""{"error":{"detail":"from detail"}}""", "from detail")]
        [InlineData("""{"error":{"type":"invalid","message":"typed"}}""", "invalid: typed")]
        [InlineData("""{"error":{"code":"c","type":"t","message":"m"}}""", "c: m")]
        [InlineData("""{"error":{"message":"m","detail":"d"}}""", "m")]
        [InlineData("""{"error":{},"message":"outer"}""", "outer")]
        [InlineData("""{"error":{"code":5}}""", "{\"code\":5}")]
        [InlineData("""{"error":5,"message":"only the message"}""", "only the message")]
        [InlineData("""{"error":"E","message":7}""", "E")]
        [InlineData("""{"error":5}""", "{\"error\":5}")]
        [InlineData("""{"message":5}""", "{\"message\":5}")]
        [InlineData("\"just a string\"", "\"just a string\"")]
        public void Reads_the_odd_shapes_without_losing_the_text(string body, string expected) => Assert.Equal(expected, ErrorBody.Detail(body));

        [Theory]
        [InlineData("Bad gateway", "Bad gateway")]
        [InlineData("  <p>\n a \t  b </p>  ", "a b")]
        [InlineData("<br/><hr>", null)]
        [InlineData("<SCRIPT type=x>alert(1)</SCRIPT >after", "after")]
        [InlineData("<Style>\np{}\n</style>after", "after")]
        [InlineData("before<!--\nhidden\n-->after", "before after")]
        [InlineData("a &lt;b&gt; &quot;c&quot;", "a <b> \"c\"")]
        [InlineData("{not json", "{not json")]
        [InlineData("<script>a</script>keep<script>b</script>", "keep")]                    // each script ends at its own closing tag
        [InlineData("a<!--x-->b<!--y-->c", "a b c")]                                        // each comment too
        [InlineData("<scripted>keep</scripted><script>x</script>", "keep")]                 // a tag that only starts like script is markup, not a script
        [InlineData("<script>a</style>b</script>c", "c")]                                   // a script ends only at </script>
        [InlineData("<style\n>a</style\t\n>b", "b")]
        [InlineData("x<b\n>y", "x y")]
        public void Quotes_a_body_that_is_not_json_as_its_readable_text(string body, string? expected) => Assert.Equal(expected, ErrorBody.Detail(body));

        [Fact]
        public void Keeps_a_body_of_exactly_200_characters_whole_and_cuts_one_of_201()
        {
            Assert.Equal(new string('y', 200), ErrorBody.Detail(new string('y', 200)));
            Assert.Equal(new string('y', 200) + "…", ErrorBody.Detail(new string('y', 201)));
        }

        [Fact]
        public void Cuts_before_the_ellipsis_without_a_trailing_space()
        {
            var body = new string('z', 199) + " " + new string('w', 50);
            Assert.Equal(new string('z', 199) + "…", ErrorBody.Detail(body));
        }

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
