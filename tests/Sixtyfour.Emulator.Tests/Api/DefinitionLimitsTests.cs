using System.Net;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Api;

/// <summary>Block ids name files and the block count drives every run: both are bounded at create and update.</summary>
[Collection(FastEmulatorCollection.Name)]
public sealed class DefinitionLimitsTests(FastEmulatorFixture emulator)
{
    [Theory]
    [InlineData(300, "string_too_long", "String should have at most 64 characters")]
    [InlineData(0, "string_pattern_mismatch", "String should match pattern '^[A-Za-z0-9_-]+$'")]
    public async Task A_block_id_too_long_or_not_plain_is_a_422_on_create_and_update(int length, string type, string message)
    {
        var blockId = length > 0 ? new string('b', length) : "../up";
        var definition = Definitions.Chain((blockId, "verify_email", "{}"));

        var (created, createError) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(definition));
        var (updated, updateError) = await emulator.Client.SendAsync(HttpMethod.Post, $"/workflows/update_workflow?workflow_id={Guid.NewGuid()}", new JsonObject { ["workflow_definition"] = definition.DeepClone() });

        foreach (var (status, error) in new[] { (created, createError), (updated, updateError) })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            var item = error!["detail"]![0]!;
            Assert.Equal(type, item["type"]!.GetValue<string>());
            Assert.Equal(message, item["msg"]!.GetValue<string>());
            Assert.Equal("""["body","workflow_definition","blocks",1,"block_id"]""", item["loc"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task More_than_200_blocks_is_a_422_and_200_are_accepted()
    {
        JsonObject Chain(int count) => Definitions.Chain([.. Enumerable.Range(1, count - 1).Select(i => ($"b{i}", "remove_columns", """{"columns":["x"]}"""))]);

        var (tooMany, error) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(Chain(201)));
        var (atLimit, _) = await emulator.Client.SendAsync(HttpMethod.Post, "/workflows/create_workflow", Definitions.CreateBody(Chain(200)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany);
        Assert.Equal(
            """{"detail":[{"loc":["body","workflow_definition","blocks"],"msg":"List should have at most 200 items after validation, not 201","type":"too_long","input":null,"ctx":{"field_type":"List","max_length":200,"actual_length":201}}]}""",
            error!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, atLimit);
    }
}
