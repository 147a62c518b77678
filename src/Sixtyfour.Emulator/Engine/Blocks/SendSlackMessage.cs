using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>send_slack_message</c> (any): rows pass through; once they all have, one message per row is
/// recorded in the outbox (channel <c>slack</c>) as <c>{channel, text}</c>, the text being
/// <c>message</c> with each <c>{column}</c> filled from the row (default: every column as
/// <c>name: value</c>). Nothing is sent: the emulator never calls out.
/// </summary>
public sealed class SendSlackMessageBlock(Outbox outbox) : PassThroughBlock
{
    public override string Name => "send_slack_message";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "channel": { "type": "string", "minLength": 1, "description": "Slack channel, e.g. #leads." },
            "message": { "type": "string", "description": "Message template; {column} is replaced by the row's value." }
          },
          "required": ["channel"],
          "additionalProperties": false
        }
        """);

    /// <summary>The schema covers both specs.</summary>
    protected override void CheckSpecs(BlockSpecs specs)
    {
    }

    public override async Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken)
    {
        var channel = finish.Specs.GetString("channel")!;
        var template = finish.Specs.GetString("message");
        var rows = await PassedRows(finish, cancellationToken).ToListAsync(cancellationToken);
        outbox.Record("slack", finish, rows.Select(row => new JsonObject
        {
            ["channel"] = channel,
            ["text"] = template is null ? string.Join(", ", row.Select(column => $"{column.Key}: {RowValues.Text(column.Value)}")) : RowValues.Fill(template, row),
        }));
    }
}
