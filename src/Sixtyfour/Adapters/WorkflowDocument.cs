using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Sixtyfour.Models;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// A workflow as code: the file Export-SfWorkflow writes and New-/Set-SfWorkflow read. Its fields are the API's
    /// create request (workflow_name, workflow_description, workflow_definition) plus id, always written in one
    /// canonical form, so exporting what was deployed reproduces the file byte for byte.
    /// </summary>
    internal sealed class WorkflowDocument
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public SfWorkflowDefinition? Definition { get; set; }

        public static WorkflowDocument FromWorkflow(SfWorkflow workflow) => new WorkflowDocument
        {
            Id = workflow.Id,
            Name = workflow.Name,
            Description = workflow.Description,
            Definition = workflow.Definition,
        };

        /// <summary>Reads the file format; the API's own workflow answer (name, description) is accepted too.</summary>
        public static WorkflowDocument Parse(string json)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("A workflow definition file holds one JSON object.");
            return new WorkflowDocument
            {
                Id = WorkflowModels.Text(root, "id"),
                Name = WorkflowModels.Text(root, "workflow_name") ?? WorkflowModels.Text(root, "name"),
                Description = WorkflowModels.Text(root, "workflow_description") ?? WorkflowModels.Text(root, "description"),
                Definition = (WorkflowModels.TryGet(root, "workflow_definition", out var graph) || WorkflowModels.TryGet(root, "definition", out graph))
                    && graph.ValueKind == JsonValueKind.Object
                    ? WorkflowModels.Definition(graph)
                    : null,
            };
        }

        /// <summary>
        /// A definition given as a JSON string, a hashtable, the output of ConvertFrom-Json, or an SfWorkflowDefinition,
        /// brought to the one model (blocks and edges) the module writes.
        /// </summary>
        public static SfWorkflowDefinition DefinitionFrom(object value)
        {
            var json = value is string text ? text : JsonBody.Serialize(value);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            // A whole definition file or API answer is accepted where only the graph is wanted.
            if (WorkflowModels.TryGet(root, "workflow_definition", out var inner) && inner.ValueKind == JsonValueKind.Object) root = inner;
            else if (WorkflowModels.TryGet(root, "definition", out inner) && inner.ValueKind == JsonValueKind.Object) root = inner;
            if (!WorkflowModels.TryGet(root, "blocks", out _))
                throw new InvalidDataException("A workflow definition is an object with 'blocks' and 'edges'.");
            return WorkflowModels.Definition(root);
        }

        /// <summary>The file text: indented, fields in a fixed order, LF line ends, a final newline.</summary>
        public string ToFileText()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = SixtyfourJson.WriterOptions.Encoder }))
                Write(writer, includeId: true);
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        /// <summary>The body of create_workflow (with id when set) or update_workflow (without).</summary>
        public string ToRequestBody(bool includeId)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, SixtyfourJson.WriterOptions)) Write(writer, includeId);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>True when the two would deploy the same workflow (same name, description and graph).</summary>
        public bool SameAs(WorkflowDocument other) =>
            Name == other.Name
            && (Description ?? string.Empty) == (other.Description ?? string.Empty)
            && Graph(Definition) == Graph(other.Definition);

        private void Write(Utf8JsonWriter writer, bool includeId)
        {
            writer.WriteStartObject();
            if (includeId && Id != null) writer.WriteString("id", Id);
            if (Name != null) writer.WriteString("workflow_name", Name);
            if (Description != null || includeId) writer.WriteString("workflow_description", Description ?? string.Empty);
            if (Definition != null)
            {
                writer.WritePropertyName("workflow_definition");
                WorkflowModels.Write(writer, Definition);
            }
            writer.WriteEndObject();
        }

        private static string Graph(SfWorkflowDefinition? definition) => definition is null ? string.Empty : JsonBody.Serialize(definition);
    }
}
