using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary><c>read_csv</c>: the rows of an uploaded .csv, .json, .jsonl or .ndjson file.</summary>
public sealed class ReadCsvBlock(UploadStore uploads) : SourceBlock
{
    private const string HandleSpec = "resource_handle_id";

    public override string Name => "read_csv";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "resource_handle_id": { "type": "string", "description": "handle_id from POST /storage/csv/upload; usually given per run in specs_override." },
            "dataframe_type": { "type": "string", "enum": ["LEAD", "COMPANY"], "default": "LEAD" }
          },
          "additionalProperties": false
        }
        """);

    public override Task<string?> ValidateRunRequestAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(specs.GetString(HandleSpec) switch
        {
            null or "" => "This workflow starts with a read_csv block: upload the file with POST /storage/csv/upload and pass its handle_id as specs_override.resource_handle_id.",
            var handle when uploads.Find(handle) is null => $"Unknown resource_handle_id '{handle}': upload the file with POST /storage/csv/upload first.",
            _ => null,
        });

    /// <summary>The rows up to the first malformed one: the run will fail there, so only those can be charged.</summary>
    public override async Task<long> CountRowsAsync(BlockSpecs specs, RunPayload? webhookPayload, CancellationToken cancellationToken)
    {
        long rows = 0;
        try
        {
            await foreach (var _ in RowFileReader.ReadAsync(uploads.Find(specs.GetString(HandleSpec))!, cancellationToken))
            {
                rows++;
            }
        }
        catch (InvalidDataException)
        {
        }

        return rows;
    }

    /// <summary>The reader's rows as they are, without a layer of its own: each layer of async iteration costs per row.</summary>
    public override IAsyncEnumerable<JsonObject> RunAsync(BlockContext context, IAsyncEnumerable<JsonObject> input, CancellationToken cancellationToken)
    {
        var handle = context.Specs.GetString(HandleSpec);
        var path = uploads.Find(handle) ?? throw new FileNotFoundException($"The uploaded file '{handle}' no longer exists.");
        return RowFileReader.ReadAsync(path, cancellationToken);
    }
}
