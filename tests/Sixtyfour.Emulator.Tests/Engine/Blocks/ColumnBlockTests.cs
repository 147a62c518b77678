using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>The emulated blocks that add columns: reverse_email, reverse_phone, scrape_web, backlinks_referring_domains, find_subdomains.</summary>
public sealed class ColumnBlockTests
{
    [Fact]
    public async Task Reverse_email_reads_names_and_domain_from_the_address_and_keeps_known_values()
    {
        var rows = await BlockRunner.RunAsync(
            new ReverseEmailBlock(),
            "{}",
            """{"email":"ada.lovelace@analytical.example"}""",
            """{"email":"grace@gmail.com","last_name":"Hopper"}""",
            """{"email":"not an address"}""",
            """{"name":"no email"}""");

        Assert.Equal(
            [
                """{"email":"ada.lovelace@analytical.example","first_name":"Ada","last_name":"Lovelace","company_domain":"analytical.example","linkedin_url":"https://www.linkedin.com/in/ada-lovelace-37c0"}""",
                """{"email":"grace@gmail.com","last_name":"Hopper","first_name":"Grace","company_domain":"","linkedin_url":"https://www.linkedin.com/in/grace-hopper-0d1b"}""",
                """{"email":"not an address"}""",
                """{"name":"no email"}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Reverse_phone_depends_only_on_the_digits()
    {
        var rows = await BlockRunner.RunAsync(
            new ReversePhoneBlock(), """{"phone_column":"mobile"}""", """{"mobile":"+1 (555) 010-2030"}""", """{"mobile":"15550102030","first_name":"Kept"}""", """{"mobile":"none"}""");

        Assert.Equal(
            [
                """{"mobile":"+1 (555) 010-2030","first_name":"Morgan","last_name":"Smith","city":"London"}""",
                """{"mobile":"15550102030","first_name":"Kept","last_name":"Smith","city":"London"}""",
                """{"mobile":"none"}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Scrape_web_describes_the_page_of_the_row_domain()
    {
        var rows = await BlockRunner.RunAsync(new ScrapeWebBlock(), """{"prompt":"pricing"}""", """{"website":"https://www.acme.example/about"}""", """{"name":"no site"}""");

        Assert.Equal(
            [
                """{"website":"https://www.acme.example/about","page_url":"https://acme.example/","page_title":"Acme | Energy","page_text":"acme.example builds energy products in New York. (pricing)"}""",
                """{"name":"no site","page_url":"","page_title":"","page_text":""}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Scrape_web_reads_the_url_column_when_given()
    {
        var rows = await BlockRunner.RunAsync(new ScrapeWebBlock(), """{"url_column":"page"}""", """{"page":"http://beta.example/x","website":"acme.example"}""");

        Assert.Equal("https://beta.example/", rows[0]["page_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Backlinks_lists_max_domains_referring_domains()
    {
        var rows = await BlockRunner.RunAsync(new BacklinksReferringDomainsBlock(), """{"max_domains":2}""", """{"company_domain":"acme.example"}""", """{"name":"none"}""");

        Assert.Equal(
            [
                """{"company_domain":"acme.example","referring_domains_count":314,"referring_domains":["acmelabs.example","starkgroup.example"]}""",
                """{"name":"none","referring_domains_count":0,"referring_domains":[]}""",
            ],
            BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Find_subdomains_always_has_www_app_and_api()
    {
        var rows = await BlockRunner.RunAsync(new FindSubdomainsBlock(), "{}", """{"domain":"acme.example"}""", """{"x":1}""");

        Assert.Equal(
            [
                """{"domain":"acme.example","subdomains":["www.acme.example","app.acme.example","api.acme.example","mail.acme.example","docs.acme.example","status.acme.example"]}""",
                """{"x":1,"subdomains":[]}""",
            ],
            BlockRunner.Texts(rows));
    }
}
