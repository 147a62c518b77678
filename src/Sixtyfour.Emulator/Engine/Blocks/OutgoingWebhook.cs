using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine.Output;
using Sixtyfour.Emulator.Hosting;
using Sixtyfour.Emulator.Storage;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>outgoing_webhook</c> (any; <c>url</c> required): rows pass through unchanged; once they all have,
/// one POST per run delivers the envelope <c>{event_id, event_type, run_id, workflow_id, results,
/// results_download_url}</c> — the first <see cref="InlineRowLimit"/> rows inline (read back from the
/// block's own result file, never held) and a signed link to the full CSV — signed and retried by
/// <see cref="WebhookSender"/>. Only loopback URLs unless the emulator runs with <c>--allow-remote</c>.
/// </summary>
public sealed class OutgoingWebhookBlock(WebhookSender sender, DownloadUrlSigner signer, PublicAddress address, EmulatorOptions options) : PassThroughBlock
{
    public const string EventType = "outgoing_webhook.completed";

    /// <summary>Rows sent inline in the envelope; the rest are in the file behind <c>results_download_url</c>.</summary>
    public const int InlineRowLimit = 100;

    public override string Name => "outgoing_webhook";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "url": { "type": "string", "format": "uri", "description": "Destination URL (http or https). The emulator delivers only to loopback hosts unless started with --allow-remote." }
          },
          "required": ["url"],
          "additionalProperties": false
        }
        """);

    protected override void CheckSpecs(BlockSpecs specs) => Destination(specs);

    public override async Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken)
    {
        var csv = finish.Output.For(ResultFormat.Csv)!;
        var eventId = Guid.NewGuid().ToString("D");
        var envelope = new JsonObject
        {
            ["event_id"] = eventId,
            ["event_type"] = EventType,
            ["run_id"] = finish.RunId.ToString("D"),
            ["workflow_id"] = finish.WorkflowId,
            ["results"] = new JsonArray([.. await PassedRows(finish, cancellationToken).Take(InlineRowLimit).ToListAsync(cancellationToken)]),
            ["results_download_url"] = address.BaseUrl + signer.Sign(StoragePaths.RunFile(finish.RunId, csv.FileName)),
        };
        await sender.DeliverAsync(Destination(finish.Specs), eventId, EventType, JsonSerializer.SerializeToUtf8Bytes(envelope, WireJson.Options), cancellationToken);
    }

    private Uri Destination(BlockSpecs specs)
    {
        var text = specs.GetString("url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new BlockSpecsException($"Spec 'url' must be an absolute http or https URL; got '{text}'.");
        }

        return options.AllowRemote || EmulatorOptions.IsLoopback(url.GetLeftPart(UriPartial.Authority))
            ? url
            : throw new BlockSpecsException($"Spec 'url' must point at this machine (127.x, localhost or [::1]); start the emulator with --allow-remote to deliver to '{url.Host}'.");
    }
}
