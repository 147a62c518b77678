namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// What variations chose for a run when it was started (see <c>Testing/Variation</c>): null and
/// false leave the run as usual.
/// </summary>
/// <param name="HiddenUntil">Until then live_status and job-status do not know the run (status_delay).</param>
/// <param name="EndStatus">The overall_status the run ends with once its first block has begun (end_status).</param>
/// <param name="JobStatusOnly">A bulk job known only to job-status (bulk_job_status_only).</param>
public sealed record RunVariations(DateTimeOffset? HiddenUntil = null, string? EndStatus = null, bool JobStatusOnly = false)
{
    public static readonly RunVariations None = new();
}
