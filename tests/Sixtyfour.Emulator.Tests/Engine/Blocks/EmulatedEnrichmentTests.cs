using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>lead_enrichment, company_enrichment, find_phone, company_to_leads, leads_to_company.</summary>
public sealed class EmulatedEnrichmentTests
{
    private const string ReturnFields = """
        {"return_fields":{"bio":"Short bio","age":{"type":"int"},"score":{"type":"float"},"active":{"type":"bool"},
         "skills":{"type":"list[str]"},"ids":{"type":"list[int]"},"meta":{"type":"dict","description":"x"}}}
        """;

    [Fact]
    public async Task Return_fields_get_typed_values_that_depend_only_on_the_row()
    {
        var first = await BlockRunner.RunAsync(new LeadEnrichmentBlock(), ReturnFields, """{"name":"Ada"}""", """{"name":"Bob"}""", """{"name":"Ada"}""");
        var again = await BlockRunner.RunAsync(new LeadEnrichmentBlock(), ReturnFields, """{"name":"Ada"}""");

        var ada = first[0];
        Assert.Equal(["name", "bio", "age", "score", "active", "skills", "ids", "meta"], ada.Select(property => property.Key));
        Assert.StartsWith("bio-", ada["bio"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, ada["age"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, ada["score"]!.GetValueKind());
        Assert.Contains(ada["active"]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal(2, ada["skills"]!.AsArray().Count);
        Assert.Equal(JsonValueKind.Number, ada["ids"]![0]!.GetValueKind());
        Assert.IsType<JsonObject>(ada["meta"]);
        Assert.Equal(ada.Compact(), first[2].Compact());
        Assert.Equal(ada.Compact(), again[0].Compact());
        Assert.NotEqual(ada["bio"]!.GetValue<string>(), first[1]["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task Company_enrichment_can_find_people()
    {
        var rows = await BlockRunner.RunAsync(new CompanyEnrichmentBlock(), """{"return_fields":{"industry":"Industry"},"find_people":true}""", """{"company_name":"Acme"}""");

        Assert.Equal(2, rows[0]["people"]!.AsArray().Count);
        Assert.NotNull(rows[0]["people"]![0]!["title"]);
    }

    [Fact]
    public void Unknown_return_field_types_are_rejected() =>
        Assert.Throws<BlockSpecsException>(() => new LeadEnrichmentBlock().ValidateSpecs(new BlockSpecs(JsonNode.Parse("""{"return_fields":{"x":{"type":"date"}}}""")!.AsObject())));

    [Theory]
    [InlineData("""{"first_name":"Ada","last_name":"L","phone":"+44 1"}""", "+44 1")]
    [InlineData("""{"first_name":"Ada"}""", "")]
    public void Find_phone_keeps_or_leaves_empty(string row, string expected) =>
        Assert.Equal(expected, FindPhoneBlock.FindPhone(JsonNode.Parse(row)!.AsObject()));

    [Fact]
    public void Find_phone_is_a_stable_555_number()
    {
        var phone = FindPhoneBlock.FindPhone(JsonNode.Parse("""{"first_name":"Ada","last_name":"Lovelace","company_domain":"acme.com"}""")!.AsObject());

        Assert.Matches(@"^\+1 555-\d{3}-\d{4}$", phone);
        Assert.Equal(phone, FindPhoneBlock.FindPhone(JsonNode.Parse("""{"last_name":"LOVELACE ","first_name":"ada","website":"www.acme.com"}""")!.AsObject()));
    }

    [Fact]
    public async Task Company_to_leads_makes_max_people_leads_per_company()
    {
        var rows = await BlockRunner.RunAsync(new CompanyToLeadsBlock(), """{"max_people":2}""", """{"name":"Acme","website":"https://acme.com"}""", """{"company_name":"Beta"}""");

        Assert.Equal(4, rows.Count);
        Assert.Equal(["first_name", "last_name", "title", "company_name", "company_domain"], rows[0].Select(property => property.Key));
        Assert.Equal(["Acme", "Acme", "Beta", "Beta"], rows.Select(row => row["company_name"]!.GetValue<string>()));
        Assert.Equal("acme.com", rows[0]["company_domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leads_to_company_groups_leads_by_company()
    {
        var rows = await BlockRunner.RunAsync(
            new LeadsToCompanyBlock(),
            "{}",
            """{"first_name":"a","company_domain":"acme.com","company_name":"Acme"}""",
            """{"first_name":"b","website":"https://www.ACME.com/x"}""",
            """{"first_name":"c","company_name":"Beta"}""",
            """{"first_name":"d"}""");

        Assert.Equal(
            ["""{"company_name":"Acme","company_domain":"acme.com","lead_count":2}""", """{"company_name":"Beta","company_domain":"","lead_count":1}"""],
            BlockRunner.Texts(rows));
    }
}
