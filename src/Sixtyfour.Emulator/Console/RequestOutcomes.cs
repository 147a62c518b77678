using System.Runtime.CompilerServices;
using Sixtyfour.Emulator.Api.Wire;

namespace Sixtyfour.Emulator.WebConsole;

/// <summary>How a journaled request ended: its status, or that the connection was dropped (a reset fault, a client gone).</summary>
public sealed record RequestOutcome(int? Status, bool Aborted);

/// <summary>
/// The journal keeps what was asked, not what was answered; the console shows both. Outcomes hang off the
/// journal's own entries (weakly), so they go when the journal drops or clears an entry.
/// </summary>
public sealed class RequestOutcomes
{
    private readonly ConditionalWeakTable<JournalEntry, RequestOutcome> outcomes = [];

    public RequestOutcome? Of(JournalEntry entry) => outcomes.TryGetValue(entry, out var outcome) ? outcome : null;

    /// <summary>Outermost middleware: the status is read after the error middleware has written its answer.</summary>
    public async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        finally
        {
            if (context.Features.Get<JournalEntry>() is { } entry)
            {
                var aborted = context.RequestAborted.IsCancellationRequested;
                outcomes.AddOrUpdate(entry, new RequestOutcome(aborted && !context.Response.HasStarted ? null : context.Response.StatusCode, aborted));
            }
        }
    }
}
