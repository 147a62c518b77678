using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.BrowserTests;

/// <summary>The Workflows section: the list and one workflow's DAG.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WorkflowsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_example_workflows_are_listed()
    {
        var console = await fixture.OpenAsync("workflows");
        foreach (var name in new[] { "Validate Emails", "Enrich Leads", "Qualify Leads", "Quick Start" })
        {
            await Expect(console.Page.GetByRole(AriaRole.Button, new() { Name = $"Open {name}", Exact = true })).ToBeVisibleAsync();
        }

        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task A_DAG_is_drawn_in_layers_with_its_edges_and_block_types_and_a_block_s_specs_show_on_selection()
    {
        // A fan-out: input feeds emails and phones (one layer), emails feeds verify (the next).
        var definition = JsonNode.Parse("""
            {
              "workflow_name": "Fan-out for the console",
              "workflow_description": "Two blocks in one layer",
              "workflow_definition": {
                "blocks": [
                  { "sequence_number": 1, "block_type": "webhook", "block_name": "webhook", "block_id": "input",
                    "specs": { "dataframe_type": "LEAD", "input_schema": { "first_name": { "type": "str", "required": true }, "last_name": { "type": "str", "required": true }, "company_domain": { "type": "str", "required": false } } } },
                  { "sequence_number": 2, "block_type": "find_email", "block_name": "find_email", "block_id": "emails", "specs": { "mode": "PROFESSIONAL" } },
                  { "sequence_number": 3, "block_type": "find_phone", "block_name": "find_phone", "block_id": "phones", "specs": {} },
                  { "sequence_number": 4, "block_type": "verify_email", "block_name": "verify_email", "block_id": "verify", "specs": {} }
                ],
                "edges": [
                  { "from_block_id": "input", "to_block_id": "emails", "condition": null },
                  { "from_block_id": "input", "to_block_id": "phones", "condition": null },
                  { "from_block_id": "emails", "to_block_id": "verify", "condition": null }
                ]
              }
            }
            """);
        using var created = await fixture.Api.PostAsJsonAsync("/workflows/create_workflow", definition);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var console = await fixture.OpenAsync("workflows");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Open Fan-out for the console" }).ClickAsync();
        var dag = console.Page.Locator("#dag");
        await Expect(dag.Locator(".node")).ToHaveCountAsync(4);
        await Expect(dag.Locator("path.edge")).ToHaveCountAsync(3);

        var edges = new List<string>();
        foreach (var edge in await dag.Locator("path.edge").AllAsync())
        {
            edges.Add($"{await edge.GetAttributeAsync("data-from")}>{await edge.GetAttributeAsync("data-to")}");
        }

        Assert.Equal(["emails>verify", "input>emails", "input>phones"], edges.Order());
        var box = new Dictionary<string, LocatorBoundingBoxResult>();
        foreach (var id in new[] { "input", "emails", "phones", "verify" })
        {
            var node = dag.Locator($".node[data-block-id='{id}']");
            await Expect(node).ToContainTextAsync(id);
            box[id] = (await node.BoundingBoxAsync())!;
        }

        await Expect(dag.Locator(".node[data-block-id='phones']")).ToContainTextAsync("find_phone");
        Assert.True(box["input"].X < box["emails"].X && box["emails"].X < box["verify"].X, "each layer right of its parents");
        Assert.Equal(box["emails"].X, box["phones"].X);
        Assert.True(Math.Abs(box["emails"].Y - box["phones"].Y) >= box["emails"].Height, "one layer's blocks do not overlap");

        // Keyboard: Tab reaches the blocks, Enter selects one.
        var emails = dag.Locator(".node[data-block-id='emails']");
        await emails.FocusAsync();
        await console.Page.Keyboard.PressAsync("Enter");
        await Expect(emails).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(console.Page.Locator("#block-title")).ToContainTextAsync("emails (find_email");
        await Expect(console.Page.Locator("#block-specs")).ToContainTextAsync("\"mode\": \"PROFESSIONAL\"");
        Assert.Empty(console.Errors);
    }
}
