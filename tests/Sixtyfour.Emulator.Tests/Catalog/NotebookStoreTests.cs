using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Hosting;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Catalog;

/// <summary>Notebooks are state: kept with --data-dir across a restart, emptied by a reset.</summary>
public sealed class NotebookStoreTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sf-emu-notebooks-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Notebooks_survive_a_restart_on_the_same_data_directory_and_a_reset_empties_them()
    {
        var first = new DataDirectoryEmulator(dataDirectory);
        await first.InitializeAsync();
        var workflowId = await first.Client.CreateWorkflowAsync(NotebookWorkflowTests.AppendDefinition("Kept"));
        await first.Client.WaitForEndAsync(await first.Client.StartWebhookRunAsync(JsonNode.Parse("""[{"first_name":"Ada","last_name":"Lovelace","domain":"analytical.example"}]""")!, workflowId: workflowId));
        var (_, before) = await first.Anonymous.GetJsonAsync("/_emulator/notebooks");
        await first.DisposeAsync();

        var second = new DataDirectoryEmulator(dataDirectory);
        await second.InitializeAsync();
        try
        {
            var (_, after) = await second.Anonymous.GetJsonAsync("/_emulator/notebooks");
            var (status, notebook) = await second.Anonymous.GetJsonAsync($"/_emulator/notebooks/{after![0]!["id"]}");
            await second.Anonymous.SendAsync(HttpMethod.Post, "/_emulator/reset");
            var (_, reset) = await second.Anonymous.GetJsonAsync("/_emulator/notebooks");

            Assert.Single(before!.AsArray());
            Assert.Equal(before.ToJsonString(), after.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Kept", notebook!["name"]!.GetValue<string>());
            Assert.Equal("""[{"first_name":"Ada","last_name":"Lovelace","domain":"analytical.example","email":"ada.lovelace@analytical.example"}]""", notebook["rows"]!.Compact());
            Assert.Empty(reset!.AsArray());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
