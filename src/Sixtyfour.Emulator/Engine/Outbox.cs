using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Engine;

/// <summary>One message a block would have sent out of the service (to Slack, to HubSpot).</summary>
public sealed record OutboxMessage(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("block_id")] string BlockId,
    [property: JsonPropertyName("payload")] JsonObject Payload,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt);

/// <summary>
/// What blocks whose effect would leave the service would have sent: they never call out, they record
/// here, and tests read it through <c>GET /_emulator/outbox</c>. In memory only; a reset empties it.
/// </summary>
public sealed class Outbox(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly List<OutboxMessage> messages = [];

    public void Record(string channel, BlockFinish finish, IEnumerable<JsonObject> payloads)
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            messages.AddRange(payloads.Select(payload => new OutboxMessage(channel, finish.RunId.ToString("D"), finish.BlockId, payload, now)));
        }
    }

    /// <summary>Messages in the order they were recorded; only <paramref name="channel"/>'s when given.</summary>
    public IReadOnlyList<OutboxMessage> List(string? channel = null)
    {
        lock (gate)
        {
            return [.. messages.Where(message => channel is null || message.Channel == channel)];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
        }
    }
}
