namespace Sixtyfour.Emulator.Testing;

/// <summary>
/// The names of the variations: answers the references allow where this emulator picked one, so a
/// client can be shown each. <c>--variations</c> turns on <see cref="ModeWide"/> for the whole
/// process; a fault rule with <c>variation</c> turns one on for its next <c>times</c> uses.
/// </summary>
public static class Variation
{
    public const string CanceledSpelling = "canceled_spelling";
    public const string StatusDelay = "status_delay";
    public const string ErrorObject = "error_object";
    public const string HtmlErrors = "html_errors";
    public const string DownloadOnApiHost = "download_on_api_host";
    public const string ExpiredLink400 = "expired_link_400";
    public const string LinksWithNulls = "links_with_nulls";
    public const string MissingFormat422 = "missing_format_422";
    public const string BulkJobStatusOnly = "bulk_job_status_only";
    public const string EndStatus = "end_status";
    public const string StatusOverride = "status_override";

    /// <summary>What <c>--variations</c> turns on; the other two need a value, so they exist only as rules.</summary>
    public static readonly IReadOnlyList<string> ModeWide =
    [
        CanceledSpelling, StatusDelay, ErrorObject, HtmlErrors, DownloadOnApiHost, ExpiredLink400, LinksWithNulls, MissingFormat422, BulkJobStatusOnly,
    ];

    public static readonly IReadOnlyList<string> Known = [.. ModeWide, EndStatus, StatusOverride];
}
