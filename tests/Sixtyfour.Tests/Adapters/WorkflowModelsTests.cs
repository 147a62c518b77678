using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Sixtyfour.Adapters;
using Sixtyfour.Models.Wire;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class WorkflowModelsTests
    {
        private const string Detail = """
            {"id": "w1", "name": "Enrich", "description": "d", "status": "active", "step": "s",
             "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-02T10:00:00Z", "last_run_date": null,
             "user_uuid": "u", "org_id": "o",
             "workflow_definition": {
               "blocks": [{"sequence_number": 2, "block_type": "LEAD", "block_name": "enrich_lead", "block_id": "b2",
                           "specs": {"struct": {"email": "str"}, "depth": 3}}],
               "edges": [{"from_block_id": "b1", "to_block_id": "b2", "condition": "c"}]}}
            """;

        [Fact]
        public void A_workflow_answer_becomes_an_SfWorkflow_with_every_field_and_its_graph()
        {
            var workflow = WorkflowModels.Workflow(Wire<WorkflowResponse>(Detail));

            Assert.Equal(("w1", "Enrich", "d", "active", "s", "u", "o"),
                (workflow.Id, workflow.Name, workflow.Description, workflow.Status, workflow.Step, workflow.UserUuid, workflow.OrgId));
            Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), workflow.CreatedAt?.ToUniversalTime());
            Assert.Equal(new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc), workflow.UpdatedAt?.ToUniversalTime());
            Assert.Null(workflow.LastRunDate);
            var block = Assert.Single(workflow.Definition!.Blocks);
            Assert.Equal((2, "LEAD", "enrich_lead", "b2"), (block.SequenceNumber, block.BlockType, block.BlockName, block.BlockId));
            // Specs are PowerShell objects a user can edit, with the JSON types kept.
            Assert.Equal(3L, block.Specs.Properties["depth"].Value);
            Assert.Equal("str", ((PSObject)block.Specs.Properties["struct"].Value).Properties["email"].Value);
            var edge = Assert.Single(workflow.Definition.Edges);
            Assert.Equal(("b1", "b2", "c"), (edge.FromBlockId, edge.ToBlockId, edge.Condition));
        }

        [Theory]
        [InlineData("""{"id": "w1", "name": "Enrich"}""")]
        [InlineData("""{"id": "w1", "name": "Enrich", "workflow_definition": null}""")]
        public void A_list_entry_without_a_graph_has_no_definition(string json)
        {
            var workflow = Assert.Single(WorkflowModels.Workflows(new[] { Wire<WorkflowResponse>(json) }));
            Assert.Equal("w1", workflow.Id);
            Assert.Null(workflow.Definition);
        }

        [Fact]
        public void A_graph_written_back_is_the_APIs_form()
        {
            var definition = WorkflowModels.Workflow(Wire<WorkflowResponse>(Detail)).Definition!;
            Assert.Equal("""{"blocks":[{"sequence_number":2,"block_type":"LEAD","block_name":"enrich_lead","block_id":"b2","specs":{"struct":{"email":"str"},"depth":3}}],"edges":[{"from_block_id":"b1","to_block_id":"b2","condition":"c"}]}""",
                JsonBody.Serialize(definition));
        }

        [Fact]
        public void A_block_type_keeps_its_schema_as_text_and_as_objects()
        {
            var blocks = WorkflowModels.BlockTypes(Wire<BlockInfoResponse[]>("""
                [{"block_name": "webhook", "specs_schema": {"type": "object", "required": ["input_schema"]}},
                 {"block_name": "odd", "specs_schema": true},
                 {"block_name": "bare"}]
                """));

            Assert.Equal(new[] { "webhook", "odd", "bare" }, blocks.Select(b => b.BlockName));
            Assert.Equal("""{"type": "object", "required": ["input_schema"]}""", blocks[0].SpecsSchemaJson);
            Assert.Equal("object", blocks[0].SpecsSchema!.Properties["type"].Value);
            // A schema that is not an object has no object form, and no schema at all reads as the empty one.
            Assert.Equal("true", blocks[1].SpecsSchemaJson);
            Assert.Null(blocks[1].SpecsSchema);
            Assert.Equal("{}", blocks[2].SpecsSchemaJson);
            Assert.Null(blocks[2].SpecsSchema);
        }

        private static T Wire<T>(string json) => JsonSerializer.Deserialize<T>(json, SixtyfourJson.Options)!;
    }
}
