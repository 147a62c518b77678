using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

[Collection(FastEmulatorCollection.Name)]
public sealed class BlockWorkflowTests(FastEmulatorFixture emulator)
{
    private const string QualifyLeads = "5f000000-0000-4000-8000-000000000003";

    [Fact]
    public async Task Qualify_leads_keeps_deliverable_addresses()
    {
        var payload = JsonNode.Parse("""
            [{"email":"ok@acme.example"},{"email":"x@catchall.acme.example"},{"email":"risky@acme.example"},{"email":"nope"}]
            """)!;

        var jobId = await emulator.Client.StartWebhookRunAsync(payload, workflowId: QualifyLeads);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(
            "email,email_status\r\nok@acme.example,OK\r\nx@catchall.acme.example,CATCH_ALL\r\n",
            await emulator.DownloadLastAsync(jobId, "csv"));
        Assert.Equal(4, live["blocks"]![2]!["processed_count"]!.GetValue<long>());
        Assert.Equal(2, live["blocks"]![2]!["metrics"]!["row_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Every_block_runs_in_one_pipeline_with_types_converted()
    {
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.ChainFrom(
            """{"dataframe_type":"COMPANY"}""",
            ("enrich", "company_enrichment", """{"return_fields":{"industry":"Industry"}}"""),
            ("people", "company_to_leads", """{"max_people":2}"""),
            ("emails", "find_email", """{"mode":"PERSONAL"}"""),
            ("phones", "find_phone", "{}"),
            ("research", "lead_enrichment", """{"return_fields":{"seniority":{"type":"int"}}}"""),
            ("verify", "verify_email", "{}"),
            ("keep", "filter", """{"filters":[{"column":"email_status","operator":"equals","value":"OK"}]}"""),
            ("unique", "deduplicate", """{"columns":["email"]}"""),
            ("trim", "remove_columns", """{"columns":["seniority"]}"""),
            ("companies", "leads_to_company", "{}"),
            ("summary", "group_by", """{"columns":["company_domain"]}""")));

        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"name":"Acme","website":"acme.example"},{"name":"Beta","domain":"beta.example"}]""")!, workflowId: id);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.True("completed" == live["overall_status"]!.GetValue<string>(), live.ToJsonString());
        Assert.Equal(
            ["COMPANY", "COMPANY", "LEAD", "LEAD", "LEAD", "LEAD", "LEAD", "LEAD", "LEAD", "LEAD", "COMPANY", "COMPANY"],
            live["blocks"]!.AsArray().Select(block => block!["metrics"]!["dataframe_type"]!.GetValue<string>()));
        Assert.Equal(4, live["blocks"]![2]!["metrics"]!["row_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_late_failure_keeps_the_finished_blocks_downloadable()
    {
        // "sum" waits for both parents, so they are complete when it fails on text.
        var id = await emulator.Client.CreateWorkflowAsync(Definitions.Graph(
            [("input", "webhook", "{}"), ("verify", "verify_email", "{}"), ("phones", "find_phone", "{}"), ("sum", "group_by", """{"columns":["email"],"aggregations":{"total":{"column":"first_name","function":"sum"}}}""")],
            ("input", "verify"), ("input", "phones"), ("verify", "sum"), ("phones", "sum")));

        var jobId = await emulator.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"first_name":"Ada","last_name":"L","email":"a@b.example"}]""")!, workflowId: id);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal("failed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(["completed", "completed", "completed", "failed"], live["blocks"]!.AsArray().Select(block => block!["status"]!.GetValue<string>()));
        Assert.Contains("cannot sum", live["blocks"]![3]!["error_message"]!.GetValue<string>());
        var links = await emulator.Client.DownloadLinksAsync(jobId);
        Assert.Equal([1, 2, 3], links.Select(link => link!["block_number"]!.GetValue<int>()));
        Assert.Contains("OK", await emulator.Anonymous.GetStringAsync(links[1]!["download_url"]!.GetValue<string>()));
    }
}
