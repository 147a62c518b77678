using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

public sealed class FindEmailTests
{
    [Theory]
    [InlineData("""{"first_name":"Ada","last_name":"Lovelace","company_domain":"acme.com"}""", "ada.lovelace@acme.com")]
    [InlineData("""{"first_name":"José","last_name":"Müller","domain":"acme.com"}""", "jose.muller@acme.com")]
    [InlineData("""{"first_name":"Hans-Jürgen","last_name":"Groß","website":"https://www.Acme.COM:8443/de/team?x=1"}""", "hansjurgen.gross@acme.com")]
    [InlineData("""{"first_name":"Mary Ann","last_name":"O'Brien","website":"http://user@sub.acme.io/"}""", "maryann.obrien@sub.acme.io")]
    [InlineData("""{"first_name":"A","last_name":"B","company_domain":"","domain":"  ","website":"b.example"}""", "a.b@b.example")]
    [InlineData("""{"first_name":"A","last_name":"B","company_domain":"first.example","website":"second.example"}""", "a.b@first.example")]
    [InlineData("""{"first_name":"A","last_name":"B","email":"kept@x.example","company_domain":"acme.com"}""", "kept@x.example")]
    [InlineData("""{"first_name":"A","last_name":"B","email":"","company_domain":"acme.com"}""", "a.b@acme.com")]
    [InlineData("""{"first_name":"A","last_name":"B"}""", "")]
    [InlineData("""{"first_name":"A","company_domain":"acme.com"}""", "")]
    [InlineData("""{"first_name":"李","last_name":"B","company_domain":"acme.com"}""", "")]
    [InlineData("""{"first_name":7,"last_name":"B","company_domain":"acme.com"}""", "")]
    public void Professional_mode_rules(string row, string expected) =>
        Assert.Equal(expected, FindEmailBlock.FindEmail(JsonNode.Parse(row)!.AsObject(), FindEmailBlock.Professional));

    [Theory]
    [InlineData("""{"first_name":"Ada","last_name":"Lovelace","company_domain":"acme.com"}""", "ada.lovelace@gmail.com")]
    [InlineData("""{"first_name":"Ada","last_name":"Lovelace"}""", "")]
    [InlineData("""{"first_name":"Ada","last_name":"Lovelace","email":"ada@acme.com"}""", "ada@acme.com")]
    public void Personal_mode_uses_gmail(string row, string expected) =>
        Assert.Equal(expected, FindEmailBlock.FindEmail(JsonNode.Parse(row)!.AsObject(), FindEmailBlock.Personal));

    [Fact]
    public async Task The_email_column_is_appended_or_updated_in_place()
    {
        var rows = await BlockRunner.RunAsync(new FindEmailBlock(), "{}", """{"email":"","first_name":"A","last_name":"B","domain":"x.example"}""", """{"first_name":"C","last_name":"D","domain":"x.example","z":1}""");

        Assert.Equal("""{"email":"a.b@x.example","first_name":"A","last_name":"B","domain":"x.example"}""", rows[0].ToJsonString());
        Assert.Equal("""{"first_name":"C","last_name":"D","domain":"x.example","z":1,"email":"c.d@x.example"}""", rows[1].ToJsonString());
    }

    [Fact]
    public async Task Unknown_modes_fail_the_block()
    {
        var error = await Assert.ThrowsAsync<BlockSpecsException>(() => BlockRunner.RunAsync(new FindEmailBlock(), """{"mode":"WORK"}""", "{}"));

        Assert.Contains("PROFESSIONAL", error.Message);
    }
}
