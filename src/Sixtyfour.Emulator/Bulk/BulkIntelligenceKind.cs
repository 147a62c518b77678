using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Engine.Output;

namespace Sixtyfour.Emulator.Bulk;

/// <summary>
/// One Bulk Intelligence endpoint: its <c>config</c> schema (SPEC-B's <c>contentSchema</c>, closed
/// with <c>additionalProperties: false</c>) and the workflow a job runs on — a generated DAG
/// <c>read_csv → lead_enrichment | company_enrichment</c> with the config's <c>struct</c> as
/// <c>return_fields</c>, executed by the ordinary engine so live_status and download-links work.
/// </summary>
public sealed class BulkIntelligenceKind
{
    private BulkIntelligenceKind(string path, Guid workflowId, string workflowName, string dataframeType, string enrichmentBlock, JsonObject configSchema, string[] specsFromConfig)
    {
        Path = path;
        WorkflowId = workflowId;
        WorkflowName = workflowName;
        DataframeType = dataframeType;
        EnrichmentBlock = enrichmentBlock;
        ConfigSchema = configSchema;
        SpecsFromConfig = specsFromConfig;
    }

    /// <summary><c>POST /bulk-intelligence/people</c>: lead rows, <c>PeopleBulkIntelligenceConfig</c>.</summary>
    public static BulkIntelligenceKind People { get; } = new(
        "/bulk-intelligence/people",
        Guid.Parse("5f000000-0000-4000-8000-0000000000b1"),
        "Bulk Intelligence (people)",
        DataframeTypes.Lead,
        "lead_enrichment",
        BlockSchema.Parse($$"""
            {
              "type": "object",
              "properties": {
                "struct": { "type": ["object", "null"] },
                "research_plan": { "type": ["string", "null"] },
                "tier": { "type": "string", "enum": ["low", "micro", "medium", "high", "xhigh", "scout"] },
                {{CommonProperties}}
              },
              "additionalProperties": false
            }
            """),
        ["research_plan"]);

    /// <summary><c>POST /bulk-intelligence/company</c>: company rows, <c>CompanyBulkIntelligenceConfig</c>.</summary>
    public static BulkIntelligenceKind Company { get; } = new(
        "/bulk-intelligence/company",
        Guid.Parse("5f000000-0000-4000-8000-0000000000b2"),
        "Bulk Intelligence (company)",
        DataframeTypes.Company,
        "company_enrichment",
        BlockSchema.Parse($$"""
            {
              "type": "object",
              "properties": {
                "struct": { "type": "object" },
                "find_people": { "type": "boolean", "default": false },
                "people_focus_prompt": { "type": "string" },
                "lead_struct": { "type": "object" },
                "research_plan": { "type": "string" },
                "tier": { "type": "string", "enum": ["low", "micro", "medium", "high"] },
                "full_org_chart": { "type": "boolean", "default": false },
                {{CommonProperties}}
              },
              "required": ["struct"],
              "additionalProperties": false
            }
            """),
        ["research_plan", "find_people", "people_focus_prompt"]);

    public static IReadOnlyList<BulkIntelligenceKind> All { get; } = [People, Company];

    public string Path { get; }

    /// <summary>The id bulk runs report as <c>workflow_id</c>; the generated workflow is not stored or listed.</summary>
    public Guid WorkflowId { get; }

    public string WorkflowName { get; }

    public string DataframeType { get; }

    public string EnrichmentBlock { get; }

    public JsonObject ConfigSchema { get; }

    /// <summary>Config fields handed to the enrichment block's specs as they are.</summary>
    private string[] SpecsFromConfig { get; }

    private const string CommonProperties = """
        "webhook_url": { "type": "string", "format": "uri", "maxLength": 2083 },
        "field_confidence": { "type": "boolean" },
        "columns": { "type": "array", "items": { "type": "string" } },
        "result_formats": { "type": "array", "items": { "type": "string", "enum": ["csv", "json", "ndjson"] } },
        "save_json": { "type": "boolean", "default": false }
        """;

    /// <summary>The workflow a job with <paramref name="config"/> runs, reading the upload <paramref name="handle"/>.</summary>
    public Workflow Workflow(Guid handle, JsonObject config, DateTimeOffset now)
    {
        var specs = new JsonObject { ["return_fields"] = config["struct"]?.DeepClone() ?? new JsonObject() };
        foreach (var name in SpecsFromConfig.Where(name => config[name] is not null))
        {
            specs[name] = config[name]!.DeepClone();
        }

        var graph = new WorkflowGraph(
            [
                new BlockDefinition(1, "read_csv", "read_csv", "input", new JsonObject { ["resource_handle_id"] = handle.ToString("D"), ["dataframe_type"] = DataframeType }),
                new BlockDefinition(2, EnrichmentBlock, EnrichmentBlock, "enrich", specs),
            ],
            [new WorkflowEdge("input", "enrich", null)]);
        return WorkflowStore.NewRecord(WorkflowId, WorkflowName, null, graph, now);
    }

    /// <summary>CSV always; JSON with <c>save_json</c> or <c>result_formats</c> json; NDJSON when listed — as for workflow runs.</summary>
    public static IReadOnlySet<ResultFormat> Formats(JsonObject config)
    {
        var formats = (config["result_formats"] as JsonArray ?? [])
            .Select(name => ResultFormat.FromName(name!.GetValue<string>())!)
            .Append(ResultFormat.Csv)
            .ToHashSet();
        if (config["save_json"]?.GetValue<bool>() == true)
        {
            formats.Add(ResultFormat.Json);
        }

        return formats;
    }
}
