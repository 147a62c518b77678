using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

public sealed class VerifyEmailTests
{
    [Theory]
    [InlineData("\"ada@acme.com\"", "OK")]
    [InlineData("\"Ada.Lovelace@Sub.Acme.co.uk\"", "OK")]
    [InlineData("\"ada@catchall.acme.com\"", "CATCH_ALL")]
    [InlineData("\"ada@CatchAll.acme.com\"", "CATCH_ALL")]
    [InlineData("\"risky.ada@acme.com\"", "RISKY")]
    [InlineData("\"RISKYada@acme.com\"", "RISKY")]
    [InlineData("\"risky@catchall.acme.com\"", "CATCH_ALL")]
    [InlineData("\"ada@acme\"", "INVALID")]
    [InlineData("\"ada acme@x.com\"", "INVALID")]
    [InlineData("\"a@b@c.com\"", "INVALID")]
    [InlineData("\"\"", "INVALID")]
    [InlineData("null", "INVALID")]
    [InlineData("42", "INVALID")]
    [InlineData("[\"ada@acme.com\"]", "INVALID")]
    public void Statuses_follow_the_documented_order(string value, string expected) =>
        Assert.Equal(expected, VerifyEmailBlock.Classify(JsonNode.Parse(value)));

    [Fact]
    public async Task Email_status_is_added_from_the_configured_column()
    {
        var rows = await BlockRunner.RunAsync(new VerifyEmailBlock(), """{"email_column":"work"}""", """{"work":"risky@x.example","email":"ok@x.example"}""", "{}");

        Assert.Equal("""{"work":"risky@x.example","email":"ok@x.example","email_status":"RISKY"}""", rows[0].ToJsonString());
        Assert.Equal("""{"email_status":"INVALID"}""", rows[1].ToJsonString());
    }

    [Fact]
    public async Task Row_latency_is_waited_per_row_and_honours_cancellation()
    {
        var context = new BlockContext(new BlockSpecs([]), new RunInputs(null, 0), TimeSpan.FromSeconds(30), _ => { });
        var input = new[] { new JsonObject() }.ToAsyncEnumerable();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new VerifyEmailBlock().RunAsync(context, input, cancellation.Token).ToListAsync(cancellation.Token).AsTask());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
