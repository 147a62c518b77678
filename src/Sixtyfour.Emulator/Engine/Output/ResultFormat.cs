namespace Sixtyfour.Emulator.Engine.Output;

/// <summary>A result file format a run can produce; the name is the API's <c>format</c>/<c>result_formats</c> value.</summary>
public sealed record ResultFormat(string Name, string Extension, string ContentType)
{
    public static readonly ResultFormat Csv = new("csv", ".csv", "text/csv");
    public static readonly ResultFormat Json = new("json", ".json", "application/json");
    public static readonly ResultFormat Ndjson = new("ndjson", ".ndjson", "application/x-ndjson");

    public static IReadOnlyList<ResultFormat> All { get; } = [Csv, Json, Ndjson];

    public static ResultFormat? FromName(string? name) =>
        All.FirstOrDefault(format => string.Equals(format.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ResultFormat? FromExtension(string extension) =>
        All.FirstOrDefault(format => string.Equals(format.Extension, extension, StringComparison.OrdinalIgnoreCase));
}
