using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class ErrorBodyTests
    {
        [Theory]
        [InlineData("""{"detail":"Workflow not found"}""", "Workflow not found")]
        [InlineData("""{"detail":[{"loc":["body","target_company","domain"],"msg":"Field required","type":"missing"}]}""", "body.target_company.domain: Field required")]
        [InlineData("""{"error":"Bad Request","message":"Invalid JSON"}""", "Bad Request: Invalid JSON")]
        [InlineData("""{"message":"Only a message"}""", "Only a message")]
        [InlineData("<html>Bad gateway</html>", null)]
        [InlineData("", null)]
        [InlineData("[1,2]", null)]
        public void Reads_every_documented_error_shape(string body, string? expected) => Assert.Equal(expected, ErrorBody.Detail(body));
    }
}
