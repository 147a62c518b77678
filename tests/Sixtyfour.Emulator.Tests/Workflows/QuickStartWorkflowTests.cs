using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Workflows;

/// <summary>The "Quick Start" example takes the Workflows overview's Quick Start payload as it is printed.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class QuickStartWorkflowTests(FastEmulatorFixture emulator)
{
    private const string QuickStart = "5f000000-0000-4000-8000-000000000004";

    [Fact]
    public async Task The_overview_payload_enriches_Acme_Corp()
    {
        var (_, list) = await emulator.Client.GetJsonAsync("/workflows");
        var body = JsonNode.Parse("""{"webhook_payload": [{"company_name": "Acme Corp", "website": "acme.com"}]}""");

        var jobId = await emulator.Client.StartRunAsync(QuickStart, body);
        var live = await emulator.Client.WaitForEndAsync(jobId);

        Assert.Equal(QuickStart, list!.AsArray().Single(workflow => workflow!["name"]!.GetValue<string>() == "Quick Start")!["id"]!.GetValue<string>());
        Assert.Equal("completed", live["overall_status"]!.GetValue<string>());
        Assert.Equal(["COMPANY", "COMPANY"], live["blocks"]!.AsArray().Select(block => block!["metrics"]!["dataframe_type"]!.GetValue<string>()));
        Assert.Equal(2, (await emulator.Client.DownloadLinksAsync(jobId)).Count);
        Assert.Equal("company_name,website,industry,employee_count,description\r\nAcme Corp,acme.com,industry-0d3d,483,description-170f\r\n", await emulator.DownloadLastAsync(jobId, "csv"));
    }
}
