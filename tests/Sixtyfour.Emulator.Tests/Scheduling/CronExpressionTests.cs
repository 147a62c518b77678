using System.Globalization;
using Sixtyfour.Emulator.Scheduling;

namespace Sixtyfour.Emulator.Tests.Scheduling;

public sealed class CronExpressionTests
{
    private static readonly DateTimeOffset Start = Utc("2026-06-10T08:00:00Z"); // a Wednesday

    [Theory]
    [InlineData("*/15 * * * *", "2026-06-10T08:15:00Z,2026-06-10T08:30:00Z,2026-06-10T08:45:00Z")]
    [InlineData("0 9 * * *", "2026-06-10T09:00:00Z,2026-06-11T09:00:00Z,2026-06-12T09:00:00Z")]
    [InlineData("5,35 8-9 * * *", "2026-06-10T08:05:00Z,2026-06-10T08:35:00Z,2026-06-10T09:05:00Z")]
    [InlineData("10-50/20 8 * * *", "2026-06-10T08:10:00Z,2026-06-10T08:30:00Z,2026-06-10T08:50:00Z")]
    [InlineData("5/20 8 * * *", "2026-06-10T08:05:00Z,2026-06-10T08:25:00Z,2026-06-10T08:45:00Z")]
    [InlineData("0 0 1 jan,Jul *", "2026-07-01T00:00:00Z,2027-01-01T00:00:00Z,2027-07-01T00:00:00Z")]
    [InlineData("0 12 * * MON-FRI", "2026-06-10T12:00:00Z,2026-06-11T12:00:00Z,2026-06-12T12:00:00Z")]
    [InlineData("0 12 * * 7", "2026-06-14T12:00:00Z,2026-06-21T12:00:00Z,2026-06-28T12:00:00Z")]
    [InlineData("0 12 13 * 5", "2026-06-12T12:00:00Z,2026-06-13T12:00:00Z,2026-06-19T12:00:00Z")]
    [InlineData("0 0 29 2 *", "2028-02-29T00:00:00Z,2032-02-29T00:00:00Z")]
    public void Next_times_follow_the_fields(string expression, string expected) =>
        Assert.Equal(expected, Times(CronExpression.Parse(expression).NextTimes(Start, TimeZoneInfo.Utc, expected.Count(c => c == ',') + 1)));

    [Fact]
    public void Times_are_wall_clock_times_in_the_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var times = CronExpression.Parse("0 9 * * *").NextTimes(Utc("2026-03-27T12:00:00Z"), berlin, 3);

        // CET (+1) until the last Sunday of March, then CEST (+2).
        Assert.Equal("2026-03-28T08:00:00Z,2026-03-29T07:00:00Z,2026-03-30T07:00:00Z", Times(times));
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_does_not_fire_and_a_repeated_one_fires_once()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var spring = CronExpression.Parse("30 2 * * *").NextTimes(Utc("2026-03-07T05:00:00Z"), newYork, 2);
        var autumn = CronExpression.Parse("30 1 * * *").NextTimes(Utc("2026-10-31T12:00:00Z"), newYork, 2);

        Assert.Equal("2026-03-07T07:30:00Z,2026-03-09T06:30:00Z", Times(spring));
        Assert.Equal("2026-11-01T05:30:00Z,2026-11-02T06:30:00Z", Times(autumn));
    }

    [Theory]
    [InlineData("* * * *", "5 fields")]
    [InlineData("60 * * * *", "minute field")]
    [InlineData("* 24 * * *", "hour field")]
    [InlineData("* * 0 * *", "day of month field")]
    [InlineData("* * * 13 *", "month field")]
    [InlineData("* * * * 8", "day of week field")]
    [InlineData("* * * FOO *", "month field")]
    [InlineData("*/0 * * * *", "minute field")]
    [InlineData("5-1 * * * *", "backwards")]
    [InlineData("1/2/3 * * * *", "more than one '/'")]
    [InlineData("0 0 30 2 *", "never fires")]
    [InlineData("@daily", "5 fields")]
    public void Invalid_expressions_say_what_is_wrong(string expression, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => CronExpression.Parse(expression)).Message);

    internal static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    internal static string Times(IEnumerable<DateTimeOffset> times) =>
        string.Join(",", times.Select(time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
}
