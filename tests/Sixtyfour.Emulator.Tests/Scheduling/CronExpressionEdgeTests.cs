using Sixtyfour.Emulator.Scheduling;

namespace Sixtyfour.Emulator.Tests.Scheduling;

/// <summary>The edges of the cron fields: names, bounds, steps, the day rule and the exact error messages.</summary>
public sealed class CronExpressionEdgeTests
{
    private static readonly DateTimeOffset Start = Utc("2026-06-10T08:00:00Z"); // a Wednesday

    [Theory]
    [InlineData("0 12 * * SUN", "2026-06-14T12:00:00Z,2026-06-21T12:00:00Z")]
    [InlineData("0 12 * * 0", "2026-06-14T12:00:00Z,2026-06-21T12:00:00Z")]
    [InlineData("0 12 * * sat", "2026-06-13T12:00:00Z,2026-06-20T12:00:00Z")]
    [InlineData("0 12 * * 6-7", "2026-06-13T12:00:00Z,2026-06-14T12:00:00Z,2026-06-20T12:00:00Z")]
    [InlineData("0 0 1 DEC *", "2026-12-01T00:00:00Z,2027-12-01T00:00:00Z")]
    [InlineData("0 0 1 JAN-MAR *", "2027-01-01T00:00:00Z,2027-02-01T00:00:00Z,2027-03-01T00:00:00Z")]
    [InlineData("0 0 31 * *", "2026-07-31T00:00:00Z,2026-08-31T00:00:00Z,2026-10-31T00:00:00Z")]
    [InlineData("59 23 31 12 *", "2026-12-31T23:59:00Z,2027-12-31T23:59:00Z")]
    [InlineData("*/60 * * * *", "2026-06-10T09:00:00Z,2026-06-10T10:00:00Z")]
    [InlineData("0 */12 * * *", "2026-06-10T12:00:00Z,2026-06-11T00:00:00Z,2026-06-11T12:00:00Z")]
    [InlineData("30 22/1 * * *", "2026-06-10T22:30:00Z,2026-06-10T23:30:00Z,2026-06-11T22:30:00Z")]
    [InlineData("  0   9 * *   *  ", "2026-06-10T09:00:00Z,2026-06-11T09:00:00Z")]
    [InlineData("0 0 30 2 MON", "2027-02-01T00:00:00Z,2027-02-08T00:00:00Z")]
    [InlineData("0 0 */2 * MON", "2026-06-15T00:00:00Z,2026-06-29T00:00:00Z,2026-07-13T00:00:00Z")]
    [InlineData("0 0 13 * *", "2026-06-13T00:00:00Z,2026-07-13T00:00:00Z")]
    // A day-of-week field that starts with '*' (a step over all days) does not restrict: the 13th must also be Sun, Tue, Thu or Sat.
    [InlineData("0 0 13 * */2", "2026-06-13T00:00:00Z,2026-08-13T00:00:00Z,2026-09-13T00:00:00Z")]
    [InlineData("0 8 * * *", "2026-06-11T08:00:00Z,2026-06-12T08:00:00Z")]
    [InlineData("0,1 8 10 6 *", "2026-06-10T08:01:00Z,2027-06-10T08:00:00Z")]
    // Rare but valid: a day of month on a weekday ('*/7' is Sunday, and AND-ed as it starts with '*'), years apart.
    [InlineData("0 0 31 1 */7", "2027-01-31T00:00:00Z,2038-01-31T00:00:00Z")]
    [InlineData("0 0 29 2 */7", "2032-02-29T00:00:00Z,2060-02-29T00:00:00Z,2088-02-29T00:00:00Z")]
    public void Next_times_at_the_edges(string expression, string expected) =>
        Assert.Equal(expected, Times(CronExpression.Parse(expression).NextTimes(Start, TimeZoneInfo.Utc, expected.Count(c => c == ',') + 1)));

    [Fact]
    public void The_next_time_is_the_next_whole_minute_strictly_after()
    {
        var every = CronExpression.Parse("* * * * *");
        Assert.Equal(Utc("2026-06-10T08:01:00Z"), every.Next(Utc("2026-06-10T08:00:30Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2026-06-10T08:01:00Z"), every.Next(Utc("2026-06-10T08:00:00Z"), TimeZoneInfo.Utc));
        Assert.Equal(TimeSpan.Zero, every.Next(Start, TimeZoneInfo.Utc)!.Value.Offset);
    }

    [Fact]
    public void Asked_from_the_second_pass_of_a_repeated_hour_a_time_that_fired_in_the_first_waits_a_day()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 06:10 UTC is 01:10 EST, after 01:30 EDT (05:30 UTC) has fired; 01:30 EST is not a second fire.
        Assert.Equal(Utc("2026-11-02T06:30:00Z"), CronExpression.Parse("30 1 * * *").Next(Utc("2026-11-01T06:10:00Z"), newYork));
    }

    [Fact]
    public void A_time_forty_years_away_is_found()
    {
        // 2100 is not a leap year: after 2088, Feb 29 falls on a Sunday next in 2128.
        Assert.Equal(Utc("2128-02-29T00:00:00Z"), CronExpression.Parse("0 0 29 2 */7").Next(Utc("2088-02-29T00:00:00Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Asking_for_no_times_gives_none() =>
        Assert.Empty(CronExpression.Parse("* * * * *").NextTimes(Start, TimeZoneInfo.Utc, 0));

    [Fact]
    public void Skips_to_the_next_hour_from_inside_a_non_matching_one()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 10:20 in Berlin (CEST, +2); 11:05 is the next match, 09:05 UTC.
        Assert.Equal(Utc("2026-06-10T09:05:00Z"), CronExpression.Parse("5 11 * * *").Next(Utc("2026-06-10T08:20:00Z"), berlin));
    }

    [Theory]
    [InlineData("* * * *", "A cron expression has 5 fields (minute hour day-of-month month day-of-week); '* * * *' has 4.")]
    [InlineData("* * * * * *", "A cron expression has 5 fields (minute hour day-of-month month day-of-week); '* * * * * *' has 6.")]
    [InlineData("60 * * * *", "The minute field '60' needs values 0-59; got '60'.")]
    [InlineData("-1 * * * *", "The minute field '-1' needs values 0-59; got ''.")]
    [InlineData("+5 * * * *", "The minute field '+5' needs values 0-59; got '+5'.")]
    [InlineData("* * * FOO *", "The month field 'FOO' needs values 1-12 or names JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC; got 'FOO'.")]
    [InlineData("* * * * MONDAY", "The day of week field 'MONDAY' needs values 0-7 or names SUN,MON,TUE,WED,THU,FRI,SAT; got 'MONDAY'.")]
    [InlineData("*/61 * * * *", "The minute field '*/61' needs values 1-60; got '61'.")]
    [InlineData("* */25 * * *", "The hour field '*/25' needs values 1-24; got '25'.")]
    [InlineData("5-1 * * * *", "The minute field '5-1' has a range that runs backwards (5-1).")]
    [InlineData("1/2/3 * * * *", "The minute field '1/2/3' has more than one '/'.")]
    [InlineData("1-2-3 * * * *", "The minute field '1-2-3' needs values 0-59; got '1-2-3'.")]
    [InlineData("0 0 30 2 *", "'0 0 30 2 *' never fires (no month has that day).")]
    [InlineData("0 0 31 2,4,6,9,11 *", "'0 0 31 2,4,6,9,11 *' never fires (no month has that day).")]
    [InlineData("* * 32 * *", "The day of month field '32' needs values 1-31; got '32'.")]
    [InlineData("* * */32 * *", "The day of month field '*/32' needs values 1-31; got '32'.")]
    [InlineData("* * * */13 *", "The month field '*/13' needs values 1-12; got '13'.")]
    [InlineData("* * * 0 *", "The month field '0' needs values 1-12 or names JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC; got '0'.")]
    [InlineData("* * * JAN-FOO *", "The month field 'JAN-FOO' needs values 1-12 or names JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC; got 'FOO'.")]
    public void Invalid_expressions_say_exactly_what_is_wrong(string expression, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => CronExpression.Parse(expression)).Message);

    [Theory]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 31 1 *")]
    [InlineData("0 0 30 2,3 *")]
    [InlineData("59 23 * * 0-7")]
    public void Accepts_what_can_fire(string expression) => Assert.NotNull(CronExpression.Parse(expression));

    private static DateTimeOffset Utc(string text) => CronExpressionTests.Utc(text);

    private static string Times(IEnumerable<DateTimeOffset> times) => CronExpressionTests.Times(times);
}
