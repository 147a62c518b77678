using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary><c>webhook</c>: the rows of the run request's <c>webhook_payload</c>.</summary>
public sealed class WebhookBlock : SourceBlock
{
    public override string Name => "webhook";

    public override bool AcceptsWebhookPayload => true;

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "input_schema": {
              "type": "object",
              "description": "Column name -> field schema; required columns must be in every payload record. Other columns pass through.",
              "additionalProperties": {
                "type": "object",
                "properties": {
                  "type": { "type": "string" },
                  "required": { "type": "boolean", "default": false },
                  "description": { "type": "string" }
                }
              }
            },
            "webhook_input": { "type": "string", "description": "Sample payload (JSON text) for editor test runs." },
            "dataframe_type": { "type": "string", "enum": ["LEAD", "COMPANY"], "default": "LEAD" }
          },
          "additionalProperties": false
        }
        """);

    /// <summary>Reads the stored payload once, holding only the missing columns' names and counts.</summary>
    public override async Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken)
    {
        if (webhookPayload is null or { Count: 0 })
        {
            return "This workflow starts with a webhook block: send its rows as webhook_payload (an object, or a non-empty list of objects).";
        }

        var required = RequiredColumns(specs);
        if (required.Count == 0)
        {
            return null;
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        long index = 0, recordsMissing = 0, first = -1;
        await foreach (var record in RowFileReader.ReadAsync(webhookPayload.Path, cancellationToken))
        {
            var lacks = false;
            foreach (var column in required.Where(column => record[column] is null))
            {
                missing.Add(column);
                lacks = true;
            }

            if (lacks)
            {
                recordsMissing++;
                first = first < 0 ? index : first;
            }

            index++;
        }

        return recordsMissing == 0
            ? null
            : $"webhook_payload is missing required column(s) {string.Join(", ", missing)} "
                + $"(in {recordsMissing} of {webhookPayload.Count} record(s); first at index {first}).";
    }

    /// <summary>A scheduled run has no request, so it runs on the block's sample payload, <c>webhook_input</c> (JSON text).</summary>
    public override IReadOnlyList<JsonObject>? ScheduledPayload(BlockSpecs specs)
    {
        var sample = specs.GetString("webhook_input");
        if (string.IsNullOrWhiteSpace(sample))
        {
            throw new RunRequestException("A scheduled run of a webhook workflow needs a sample payload in the webhook block's webhook_input spec (a JSON object or array of objects).");
        }

        try
        {
            return JsonNode.Parse(sample) switch
            {
                JsonObject record => [record],
                JsonArray records when records.Count > 0 && records.All(record => record is JsonObject) => [.. records.Select(record => record!.AsObject())],
                _ => throw new RunRequestException("The webhook block's webhook_input must be a JSON object or a non-empty array of objects."),
            };
        }
        catch (JsonException exception)
        {
            throw new RunRequestException($"The webhook block's webhook_input is not valid JSON: {exception.Message}");
        }
    }

    public override Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult(webhookPayload?.Count ?? 0);

    public override async IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        context.ReportTotalCount(context.Inputs.WebhookPayloadCount);
        var path = context.Inputs.WebhookPayloadPath ?? throw new InvalidOperationException("The run has no webhook_payload.");
        await foreach (var row in RowFileReader.ReadAsync(path, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Columns whose <c>input_schema</c> entry says <c>"required": true</c>.</summary>
    private static List<string> RequiredColumns(BlockSpecs specs) =>
        (specs.GetObject("input_schema") ?? [])
            .Where(column => column.Value is JsonObject field && field["required"]?.GetValueKind() == JsonValueKind.True)
            .Select(column => column.Key)
            .ToList();
}
