using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Scheduling;

/// <summary>
/// A workflow schedule. <see cref="NextDue"/> is when the runner fires it next (null while inactive);
/// <see cref="Cron"/> and <see cref="Zone"/> are parsed once, when the schedule is made or changed.
/// </summary>
public sealed record Schedule(
    Guid Id,
    string WorkflowId,
    string Name,
    string? Description,
    string CronExpression,
    string Timezone,
    bool IsActive,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDue)
{
    [JsonIgnore]
    public CronExpression Cron => Scheduling.CronExpression.Parse(CronExpression);

    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Timezone);

    /// <summary>The same schedule with <see cref="NextDue"/> recomputed from <paramref name="now"/> (null when inactive).</summary>
    public Schedule Rearmed(DateTimeOffset now) => this with { NextDue = IsActive ? Cron.Next(now, Zone) : null };
}

/// <summary>The schedules, in memory (saved through <see cref="Changed"/> when a data directory is kept).</summary>
public sealed class ScheduleStore
{
    private readonly ConcurrentDictionary<Guid, Schedule> schedules = new();

    /// <summary>Raised after every change with the schedule's id, so that entry can be saved (or its file deleted).</summary>
    public event Action<Guid>? Changed;

    /// <summary>Oldest first; only <paramref name="workflowId"/>'s when given.</summary>
    public IReadOnlyList<Schedule> List(string? workflowId = null) =>
        [.. schedules.Values.Where(schedule => workflowId is null || schedule.WorkflowId == workflowId).OrderBy(schedule => schedule.CreatedAt).ThenBy(schedule => schedule.Id)];

    public Schedule? Find(Guid id) => schedules.GetValueOrDefault(id);

    public void Add(Schedule schedule)
    {
        schedules[schedule.Id] = schedule;
        Changed?.Invoke(schedule.Id);
    }

    /// <summary>Applies <paramref name="change"/> atomically (a PATCH and the runner may race); null when the schedule is gone.</summary>
    public Schedule? Update(Guid id, Func<Schedule, Schedule> change)
    {
        while (schedules.TryGetValue(id, out var current))
        {
            var changed = change(current);
            if (schedules.TryUpdate(id, changed, current))
            {
                Changed?.Invoke(id);
                return changed;
            }
        }

        return null;
    }

    public Schedule? Remove(Guid id)
    {
        if (!schedules.TryRemove(id, out var removed))
        {
            return null;
        }

        Changed?.Invoke(id);
        return removed;
    }

    /// <summary>Puts saved schedules back, without raising <see cref="Changed"/>.</summary>
    public void Restore(IEnumerable<Schedule> saved)
    {
        foreach (var schedule in saved)
        {
            schedules[schedule.Id] = schedule;
        }
    }

    public void Clear()
    {
        foreach (var id in schedules.Keys)
        {
            Remove(id);
        }
    }
}
