using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// <c>hubspot_import</c> (any): rows pass through; once they all have, one record per row is recorded in
/// the outbox (channel <c>hubspot</c>) as <c>{object_type, properties}</c>: <c>contacts</c> for LEAD
/// rows and <c>companies</c> for COMPANY rows unless <c>object_type</c> says otherwise, the properties
/// being the row's columns renamed by <c>field_mapping</c> (column → HubSpot property). Nothing is sent.
/// </summary>
public sealed class HubspotImportBlock(Outbox outbox) : PassThroughBlock
{
    private static readonly string[] ObjectTypes = ["contacts", "companies"];

    public override string Name => "hubspot_import";

    public override JsonObject SpecsSchema { get; } = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "object_type": { "type": "string", "enum": ["contacts", "companies"], "description": "Default: contacts for LEAD rows, companies for COMPANY rows." },
            "field_mapping": { "type": "object", "additionalProperties": { "type": "string" }, "description": "Column -> HubSpot property; other columns keep their names." }
          },
          "additionalProperties": false
        }
        """);

    protected override void CheckSpecs(BlockSpecs specs) => Mapping(specs);

    public override async Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken)
    {
        var objectType = finish.Specs.GetChoice("object_type", finish.DataframeType == DataframeTypes.Company ? "companies" : "contacts", ObjectTypes);
        var mapping = Mapping(finish.Specs);
        var rows = await PassedRows(finish, cancellationToken).ToListAsync(cancellationToken);
        outbox.Record("hubspot", finish, rows.Select(row => new JsonObject
        {
            ["object_type"] = objectType,
            ["properties"] = new JsonObject(row.Select(column => KeyValuePair.Create(mapping.GetValueOrDefault(column.Key, column.Key), column.Value?.DeepClone()))),
        }));
    }

    private static Dictionary<string, string> Mapping(BlockSpecs specs) =>
        (specs.GetObject("field_mapping") ?? []).ToDictionary(
            pair => pair.Key,
            pair => pair.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw new BlockSpecsException($"field_mapping.{pair.Key} must be a HubSpot property name (a string)."));
}
