using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine;

/// <summary>The block catalog: every block Sixtyfour publishes, typed as its reference says, and the type rule on graphs.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class BlockCatalogTests(FastEmulatorFixture emulator)
{
    /// <summary>Block → (x-input-types, x-output-type), from the reference's §4 lists and type rules.</summary>
    private static readonly Dictionary<string, (string Input, string Output)> Typing = new()
    {
        ["webhook"] = ("", "specs.dataframe_type"),
        ["read_csv"] = ("", "specs.dataframe_type"),
        ["read_notebook"] = ("", "specs.dataframe_type"),
        ["search"] = ("", "specs.dataframe_type"),
        ["yc_batches"] = ("", "COMPANY"),
        ["company_enrichment"] = ("COMPANY", "same_as_input"),
        ["lead_enrichment"] = ("LEAD", "same_as_input"),
        ["find_email"] = ("LEAD", "same_as_input"),
        ["find_phone"] = ("LEAD", "same_as_input"),
        ["verify_email"] = ("LEAD", "same_as_input"),
        ["reverse_email"] = ("LEAD", "same_as_input"),
        ["reverse_phone"] = ("LEAD", "same_as_input"),
        ["company_to_leads"] = ("COMPANY", "LEAD"),
        ["leads_to_company"] = ("LEAD", "COMPANY"),
        ["github_find_people"] = ("LEAD,COMPANY", "LEAD"),
        ["google_maps_search"] = ("LEAD,COMPANY", "COMPANY"),
        ["scrape_web"] = ("LEAD,COMPANY", "same_as_input"),
        ["backlinks_referring_domains"] = ("LEAD,COMPANY", "same_as_input"),
        ["find_subdomains"] = ("LEAD,COMPANY", "same_as_input"),
        ["x_search"] = ("LEAD,COMPANY", "LEAD"),
        ["tiktok_get_following"] = ("LEAD,COMPANY", "LEAD"),
        ["kaggle_leaderboard"] = ("LEAD,COMPANY", "LEAD"),
        ["llm_openai"] = ("LEAD,COMPANY", "same_as_input"),
        ["qa_agent"] = ("LEAD,COMPANY", "same_as_input"),
        ["research_agent"] = ("LEAD,COMPANY", "same_as_input"),
        ["transform_data"] = ("LEAD,COMPANY", "same_as_input"),
        ["filter"] = ("LEAD,COMPANY", "same_as_input"),
        ["deduplicate"] = ("LEAD,COMPANY", "same_as_input"),
        ["deduplicate_wrt_notebook"] = ("LEAD,COMPANY", "same_as_input"),
        ["group_by"] = ("LEAD,COMPANY", "same_as_input"),
        ["remove_columns"] = ("LEAD,COMPANY", "same_as_input"),
        ["append_to_notebook"] = ("LEAD,COMPANY", "same_as_input"),
        ["send_slack_message"] = ("LEAD,COMPANY", "same_as_input"),
        ["outgoing_webhook"] = ("LEAD,COMPANY", "same_as_input"),
        ["hubspot_import"] = ("LEAD,COMPANY", "same_as_input"),
        ["yc_companies"] = ("LEAD,COMPANY", "COMPANY"),
    };

    [Fact]
    public async Task Every_published_block_is_listed_with_its_typing_in_the_schema()
    {
        var (status, body) = await emulator.Client.GetJsonAsync("/workflows/blocks");

        Assert.Equal(HttpStatusCode.OK, status);
        var blocks = body!.AsArray().ToDictionary(block => block!["block_name"]!.GetValue<string>(), block => block!["specs_schema"]!);
        Assert.Equal(Typing.Keys.Order(StringComparer.Ordinal), blocks.Keys);
        Assert.All(Typing, expected =>
        {
            var schema = blocks[expected.Key];
            Assert.Equal("object", schema["type"]!.GetValue<string>());
            Assert.Equal(expected.Value.Input, string.Join(',', schema["x-input-types"]!.AsArray().Select(type => type!.GetValue<string>())));
            Assert.Equal(expected.Value.Output, schema["x-output-type"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("read_notebook", "notebook_id,dataframe_type", "notebook_id")]
    [InlineData("search", "query,dataframe_type,max_results,auto_execute", "query")]
    [InlineData("yc_batches", "since_year", "")]
    [InlineData("reverse_email", "email_column", "")]
    [InlineData("reverse_phone", "phone_column", "")]
    [InlineData("github_find_people", "query,max_results", "")]
    [InlineData("google_maps_search", "query,max_results", "")]
    [InlineData("x_search", "query,max_results", "")]
    [InlineData("tiktok_get_following", "query,max_results", "")]
    [InlineData("kaggle_leaderboard", "query,max_results", "")]
    [InlineData("yc_companies", "query,max_results", "")]
    [InlineData("scrape_web", "url_column,prompt", "")]
    [InlineData("backlinks_referring_domains", "max_domains", "")]
    [InlineData("find_subdomains", "", "")]
    [InlineData("llm_openai", "prompt,model,output_column,temperature", "prompt")]
    [InlineData("qa_agent", "question,return_fields", "question")]
    [InlineData("research_agent", "prompt,return_fields", "prompt")]
    [InlineData("transform_data", "prompt,return_fields", "prompt,return_fields")]
    [InlineData("deduplicate_wrt_notebook", "notebook_id,columns", "notebook_id")]
    [InlineData("append_to_notebook", "notebook_id,notebook_name", "notebook_id")]
    [InlineData("send_slack_message", "channel,message", "channel")]
    [InlineData("hubspot_import", "object_type,field_mapping", "")]
    public async Task Each_new_block_declares_its_specs_and_refuses_unknown_ones(string block, string properties, string required)
    {
        var (_, body) = await emulator.Client.GetJsonAsync("/workflows/blocks");
        var schema = body!.AsArray().Single(item => item!["block_name"]!.GetValue<string>() == block)!["specs_schema"]!;
        var isSource = schema["x-input-types"]!.AsArray().Count == 0;
        var definition = isSource ? Definitions.Graph([("b", block, """{"bogus":1}""")]) : Definitions.Chain(("b", block, """{"bogus":1}"""));
        var (status, refused) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));

        Assert.Equal(properties, string.Join(',', schema["properties"]!.AsObject().Select(property => property.Key)));
        Assert.Equal(required, string.Join(',', (schema["required"]?.AsArray() ?? []).Select(name => name!.GetValue<string>())));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("unknown spec field 'bogus'", refused!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mismatched_edge_is_refused_on_create_and_update_naming_the_edge()
    {
        var definition = Definitions.ChainFrom("""{"dataframe_type":"COMPANY"}""", ("enrich", "company_enrichment", """{"return_fields":{"industry":"Industry"}}"""), ("emails", "find_email", "{}"));

        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));
        var (updateStatus, updateBody) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={Guid.NewGuid()}", new JsonObject { ["workflow_definition"] = definition.DeepClone() });

        const string Message = "Edge enrich -> emails: block 'emails' (find_email) takes LEAD rows but block 'enrich' (company_enrichment) gives COMPANY rows.";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(Message, body!["detail"]![0]!["msg"]!.GetValue<string>());
        Assert.Equal("emails", body["detail"]![0]!["ctx"]!["block_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, updateStatus);
        Assert.Equal(Message, updateBody!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("search LEAD into company_enrichment", "search", """{"query":"x"}""", "company_enrichment", """{"return_fields":{"a":"A"}}""", "Edge input -> next: block 'next' (company_enrichment) takes COMPANY rows but block 'input' (search) gives LEAD rows.")]
    [InlineData("yc_batches into find_email", "yc_batches", "{}", "find_email", "{}", "Edge input -> next: block 'next' (find_email) takes LEAD rows but block 'input' (yc_batches) gives COMPANY rows.")]
    [InlineData("read_csv COMPANY into reverse_phone", "read_csv", """{"dataframe_type":"COMPANY"}""", "reverse_phone", "{}", "Edge input -> next: block 'next' (reverse_phone) takes LEAD rows but block 'input' (read_csv) gives COMPANY rows.")]
    public async Task Sources_are_typed_by_their_specs(string why, string source, string sourceSpecs, string next, string nextSpecs, string message)
    {
        var definition = Definitions.Graph([("input", source, sourceSpecs), ("next", next, nextSpecs)], ("input", "next"));

        var (status, body) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));

        Assert.True(status == HttpStatusCode.UnprocessableEntity, why);
        Assert.Equal(message, body!["detail"]![0]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Converters_join_the_types_and_universal_blocks_take_either()
    {
        var definition = Definitions.ChainFrom(
            """{"dataframe_type":"COMPANY"}""",
            ("enrich", "company_enrichment", """{"return_fields":{"industry":"Industry"}}"""),
            ("scrape", "scrape_web", "{}"),
            ("people", "company_to_leads", """{"max_people":1}"""),
            ("emails", "find_email", "{}"),
            ("ask", "qa_agent", """{"question":"Senior?"}"""),
            ("companies", "leads_to_company", "{}"),
            ("maps", "google_maps_search", """{"query":"{company_name}","max_results":1}"""),
            ("again", "company_enrichment", """{"return_fields":{"size":{"type":"int"}}}"""));

        var id = await emulator.Client.CreateWorkflowAsync(definition);
        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"company_name":"Acme","website":"acme.example"}]""")!, workflowId: id);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(
            ["COMPANY", "COMPANY", "COMPANY", "LEAD", "LEAD", "LEAD", "COMPANY", "COMPANY", "COMPANY"],
            live["blocks"]!.AsArray().Select(block => block!["metrics"]!["dataframe_type"]!.GetValue<string>()));
        Assert.Equal(1, live["blocks"]![8]!["metrics"]!["row_count"]!.GetValue<long>());
    }
}
