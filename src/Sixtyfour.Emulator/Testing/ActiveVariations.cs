using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Testing;

/// <summary>
/// Decides, where an answer could take another shape, whether this request gets it: always under
/// <c>--variations</c> (for <see cref="Variation.ModeWide"/>), else when a fault rule of that variation
/// matches and has uses left. An applied variation is noted in the request's journal entry; test
/// hooks (<c>/_emulator</c>, not journalled) never vary.
/// </summary>
public sealed class ActiveVariations(EmulatorOptions options, FaultRules faults, TimeProvider timeProvider)
{
    private const string CanceledSpelling = "canceled";

    /// <summary>True when <paramref name="variation"/> applies; <paramref name="rule"/> is the rule used (null under <c>--variations</c>).</summary>
    public bool TryApply(HttpContext context, string variation, out FaultRule? rule)
    {
        rule = null;
        if (Variation.ModeWide.Contains(variation) && AllOn(context, variation))
        {
            return true;
        }

        if (context.Features.Get<JournalEntry>() is not { } entry)
        {
            return false;
        }

        rule = faults.ClaimVariation(variation, context.Request.Method, context.Request.Path.Value ?? "/");
        if (rule is null)
        {
            return false;
        }

        entry.AddVariation(variation);
        return true;
    }

    public bool Applies(HttpContext context, string variation) => TryApply(context, variation, out _);

    /// <summary>A cancelled run's status as this answer spells it: "canceled" under canceled_spelling, as the cancel response's spec text has it.</summary>
    public string Spell(HttpContext context, string status) =>
        status == RunStatus.Cancelled && Applies(context, Variation.CanceledSpelling) ? CanceledSpelling : status;

    /// <summary>True while a run started under status_delay is still unknown to status requests.</summary>
    public bool Hides(HttpContext context, WorkflowRun run)
    {
        if (run.Variations.HiddenUntil is not { } until || timeProvider.GetUtcNow() >= until)
        {
            return false;
        }

        context.Features.Get<JournalEntry>()?.AddVariation(Variation.StatusDelay);
        return true;
    }

    /// <summary>The variations a run started by this request gets; call it once per run actually launched.</summary>
    public RunVariations ForNewRun(HttpContext context, bool bulk)
    {
        DateTimeOffset? hiddenUntil = TryApply(context, Variation.StatusDelay, out var delayRule)
            ? timeProvider.GetUtcNow() + (delayRule?.Delay ?? options.StatusDelay)
            : null;
        var endStatus = TryApply(context, Variation.EndStatus, out var endRule) ? endRule!.Value : null;
        var jobStatusOnly = bulk && Applies(context, Variation.BulkJobStatusOnly);
        return hiddenUntil is null && endStatus is null && !jobStatusOnly ? RunVariations.None : new RunVariations(hiddenUntil, endStatus, jobStatusOnly);
    }

    /// <summary>True under <c>--variations</c>: some variations (5xx fault pages as HTML) act on every request, without a rule of their own.</summary>
    public bool AllOn(HttpContext context, string variation)
    {
        if (!options.Variations || context.Features.Get<JournalEntry>() is not { } entry)
        {
            return false;
        }

        entry.AddVariation(variation);
        return true;
    }
}
