using System.Globalization;

namespace Sixtyfour.Emulator.Scheduling;

/// <summary>
/// A standard 5-field cron expression — minute, hour, day of month, month, day of week — with
/// <c>*</c>, lists (<c>1,15</c>), ranges (<c>1-5</c>), steps (<c>*/15</c>, <c>10-50/20</c>, <c>5/10</c>)
/// and names for months (<c>JAN</c>–<c>DEC</c>) and days (<c>SUN</c>–<c>SAT</c>; 0 and 7 are Sunday).
/// As in Vixie cron, when both day fields are restricted a day matching either one fires.
/// </summary>
public sealed class CronExpression
{
    /// <summary>
    /// How far ahead <see cref="Next"/> looks: one cycle of the Gregorian calendar, after which dates and weekdays repeat
    /// (146097 days, a whole number of weeks), so what does not fire within it never fires (Feb 30). Less would miss rare
    /// valid times: Feb 29 on a Sunday (<c>0 0 29 2 */7</c>) comes in 2088, then in 2128.
    /// </summary>
    private const int SearchYears = 400;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] minutes;
    private readonly bool[] hours;
    private readonly bool[] daysOfMonth;
    private readonly bool[] months;
    private readonly bool[] daysOfWeek;
    private readonly bool dayOfMonthRestricted;
    private readonly bool dayOfWeekRestricted;

    private CronExpression(string[] fields)
    {
        minutes = ParseField(fields[0], "minute", 0, 59, null);
        hours = ParseField(fields[1], "hour", 0, 23, null);
        daysOfMonth = ParseField(fields[2], "day of month", 1, 31, null);
        months = ParseField(fields[3], "month", 1, 12, MonthNames);
        var weekdays = ParseField(fields[4], "day of week", 0, 7, DayNames);
        daysOfWeek = [weekdays[0] || weekdays[7], .. weekdays[1..7]];
        dayOfMonthRestricted = !fields[2].StartsWith('*');
        dayOfWeekRestricted = !fields[4].StartsWith('*');
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static CronExpression Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"A cron expression has 5 fields (minute hour day-of-month month day-of-week); '{text}' has {fields.Length}.");
        }

        var expression = new CronExpression(fields);
        return expression.Next(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc) is null ? throw new FormatException($"'{text}' never fires (no month has that day).") : expression;
    }

    /// <summary>
    /// The first fire time after <paramref name="after"/>, as wall-clock time in <paramref name="zone"/>:
    /// a time skipped by a daylight-saving jump does not fire that day; a time that happens twice
    /// fires once, at its first occurrence. Null when the expression never fires, which <see cref="Parse"/> refuses.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var local = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = local.AddYears(SearchYears);
        while (local < limit)
        {
            if (!months[local.Month])
            {
                local = new DateTime(local.Year, local.Month, 1).AddMonths(1);
            }
            else if (!DayMatches(local))
            {
                local = local.Date.AddDays(1);
            }
            else if (!hours[local.Hour])
            {
                local = local.Date.AddHours(local.Hour + 1);
            }
            else if (!minutes[local.Minute] || zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }
            else
            {
                var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
                var candidate = new DateTimeOffset(local, offset);
                if (candidate > after)
                {
                    return candidate.ToUniversalTime();
                }

                local = local.AddMinutes(1);
            }
        }

        return null;
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> NextTimes(DateTimeOffset after, TimeZoneInfo zone, int count)
    {
        var times = new List<DateTimeOffset>(count);
        while (times.Count < count)
        {
            // Never null: Parse refused what does not fire within a calendar cycle, and the calendar repeats after it.
            after = Next(after, zone)!.Value;
            times.Add(after);
        }

        return times;
    }

    private bool DayMatches(DateTime local)
    {
        var dayOfMonth = daysOfMonth[local.Day];
        var dayOfWeek = daysOfWeek[(int)local.DayOfWeek];
        return dayOfMonthRestricted && dayOfWeekRestricted ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static bool[] ParseField(string field, string name, int min, int max, string[]? names)
    {
        var allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var (range, stepText) = item.Split('/') switch
            {
                [var only] => (only, null),
                [var left, var right] => (left, right),
                _ => throw Invalid(field, name, "has more than one '/'"),
            };
            var step = stepText is null ? 1 : Number(stepText, field, name, 1, max - min + 1, null);
            var (from, to) = range switch
            {
                "*" => (min, max),
                _ when range.Split('-') is [var low, var high] => (Number(low, field, name, min, max, names), Number(high, field, name, min, max, names)),
                _ => (Number(range, field, name, min, max, names), stepText is null ? Number(range, field, name, min, max, names) : max),
            };
            if (from > to)
            {
                throw Invalid(field, name, $"has a range that runs backwards ({range})");
            }

            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text, string field, string name, int min, int max, string[]? names)
    {
        var index = names is null ? -1 : Array.FindIndex(names, known => known.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return index + (names == MonthNames ? 1 : 0);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(field, name, $"needs values {min}-{max}{(names is null ? string.Empty : " or names " + string.Join(",", names))}; got '{text}'");
    }

    private static FormatException Invalid(string field, string name, string problem) => new($"The {name} field '{field}' {problem}.");
}
