using System.Collections;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class WorkflowDocumentTests
    {
        private const string File = """
            {
              "id": "0b7d9c84-5f0e-4a57-8c8e-1d2f3a4b5c6d",
              "workflow_name": "Enrich",
              "workflow_description": "d",
              "workflow_definition": {
                "blocks": [
                  {
                    "sequence_number": 1,
                    "block_type": "webhook",
                    "block_name": "webhook",
                    "block_id": "input",
                    "specs": {
                      "dataframe_type": "LEAD",
                      "input_schema": {
                        "email": {
                          "type": "str",
                          "required": true
                        }
                      }
                    }
                  }
                ],
                "edges": []
              }
            }

            """;

        [Fact]
        public void The_file_form_is_a_fixed_point()
        {
            var canonical = File.Replace("\r\n", "\n");
            var text = WorkflowDocument.Parse(canonical).ToFileText();
            Assert.Equal(canonical.TrimEnd() + "\n", text);
            Assert.Equal(text, WorkflowDocument.Parse(text).ToFileText());
        }

        [Fact]
        public void Reads_the_apis_own_answer_too()
        {
            var document = WorkflowDocument.Parse("""{"id":"x","name":"From API","description":null,"workflow_definition":{"blocks":[],"edges":[]}}""");
            Assert.Equal("From API", document.Name);
            Assert.NotNull(document.Definition);
        }

        [Fact]
        public void A_definition_that_went_through_ConvertTo_Json_deploys_the_same_graph()
        {
            // What (Get-SfWorkflow -IncludeDefinition).Definition | ConvertTo-Json -Depth 10 writes: the module's own property names.
            var pascal = WorkflowDocument.DefinitionFrom("""
                {"Blocks":[{"SequenceNumber":1,"BlockType":"webhook","BlockName":"webhook","BlockId":"input","Specs":{"dataframe_type":"LEAD"}},
                           {"SequenceNumber":2,"BlockType":"verify_email","BlockName":"verify_email","BlockId":"verify","Specs":{}}],
                 "Edges":[{"FromBlockId":"input","ToBlockId":"verify","Condition":null}]}
                """);
            var snake = WorkflowDocument.DefinitionFrom("""
                {"blocks":[{"sequence_number":1,"block_type":"webhook","block_name":"webhook","block_id":"input","specs":{"dataframe_type":"LEAD"}},
                           {"sequence_number":2,"block_type":"verify_email","block_name":"verify_email","block_id":"verify","specs":{}}],
                 "edges":[{"from_block_id":"input","to_block_id":"verify"}]}
                """);
            Assert.Equal(JsonBody.Serialize(snake), JsonBody.Serialize(pascal));
            Assert.Equal(2, pascal.Blocks.Count);
            Assert.Equal("verify", pascal.Edges[0].ToBlockId);
            // A whole workflow object (Get-SfWorkflow | ConvertTo-Json) carries its graph as "Definition".
            var whole = WorkflowDocument.DefinitionFrom("""{"Id":"x","Name":"n","Definition":{"Blocks":[],"Edges":[]}}""");
            Assert.Empty(whole.Blocks);
        }

        [Fact]
        public void Definitions_from_hashtables_and_json_compare_equal_when_they_mean_the_same()
        {
            var fromHashtable = WorkflowDocument.DefinitionFrom(new Hashtable
            {
                ["blocks"] = new object[] { new Hashtable { ["sequence_number"] = 1, ["block_type"] = "webhook", ["block_name"] = "webhook", ["block_id"] = "input", ["specs"] = new Hashtable() } },
                ["edges"] = Array.Empty<object>(),
            });
            var fromJson = WorkflowDocument.DefinitionFrom("""{"blocks":[{"block_id":"input","block_name":"webhook","block_type":"webhook","sequence_number":1,"specs":{}}],"edges":[]}""");
            var a = new WorkflowDocument { Name = "n", Definition = fromHashtable };
            var b = new WorkflowDocument { Name = "n", Definition = fromJson };
            Assert.True(a.SameAs(b));
            Assert.False(a.SameAs(new WorkflowDocument { Name = "other", Definition = fromJson }));
        }

        [Fact]
        public void The_update_body_leaves_out_the_id_and_what_was_not_given()
        {
            var body = new WorkflowDocument { Id = "x", Description = "only this" }.ToRequestBody(includeId: false);
            Assert.Equal("""{"workflow_description":"only this"}""", body);
        }

        [Fact]
        public void Something_that_is_not_a_definition_is_refused() =>
            Assert.Throws<InvalidDataException>(() => WorkflowDocument.DefinitionFrom(new Hashtable { ["nodes"] = 1 }));
    }
}
