using Sixtyfour.Client;
using Xunit;

namespace Sixtyfour.Tests.Client
{
    public sealed class RequestBudgetTests
    {
        /// <summary>A clock that only moves when the budget waits, so minutes of polling take no time.</summary>
        private sealed class FakeClock
        {
            public TimeSpan Now { get; private set; }
            public List<TimeSpan> Waits { get; } = new List<TimeSpan>();

            public Task Delay(TimeSpan wait, CancellationToken _)
            {
                Waits.Add(wait);
                Now += wait;
                return Task.CompletedTask;
            }

            public void Advance(TimeSpan by) => Now += by;
        }

        [Fact]
        public async Task Lets_the_limit_through_in_any_minute_and_holds_the_next_until_the_oldest_leaves_the_window()
        {
            var clock = new FakeClock();
            var budget = new RequestBudget(() => clock.Now, clock.Delay);
            for (var i = 0; i < 5; i++)
            {
                await budget.TakeAsync(5, CancellationToken.None);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            Assert.Empty(clock.Waits);

            await budget.TakeAsync(5, CancellationToken.None);
            // The first of the five was taken at 0 s; it is now 5 s: the sixth may go at 60 s.
            Assert.Equal(new[] { TimeSpan.FromSeconds(55) }, clock.Waits);
            Assert.Equal(TimeSpan.FromSeconds(60), clock.Now);
        }

        [Fact]
        public async Task Two_hundred_waits_never_exceed_the_limit_in_any_sliding_minute()
        {
            var clock = new FakeClock();
            var budget = new RequestBudget(() => clock.Now, clock.Delay);
            var taken = new List<TimeSpan>();
            var pollers = Enumerable.Range(0, 200).Select(async _ =>
            {
                for (var poll = 0; poll < 5; poll++)
                {
                    await budget.TakeAsync(450, CancellationToken.None);
                    lock (taken) taken.Add(clock.Now);
                }
            });
            await Task.WhenAll(pollers);

            Assert.Equal(1000, taken.Count);
            foreach (var start in taken)
                Assert.True(taken.Count(t => t >= start && t < start + TimeSpan.FromMinutes(1)) <= 450, $"more than 450 polls in the minute from {start}");
            Assert.True(clock.Now >= TimeSpan.FromMinutes(2), "1000 polls at 450 a minute take over two minutes");
        }

        [Fact]
        public async Task A_pause_holds_every_taker_until_it_ends()
        {
            var clock = new FakeClock();
            var budget = new RequestBudget(() => clock.Now, clock.Delay);
            budget.Pause(TimeSpan.FromSeconds(7));
            await budget.TakeAsync(450, CancellationToken.None);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Waits);
        }

        [Fact]
        public async Task Cancellation_stops_a_taker_that_is_waiting()
        {
            var budget = new RequestBudget();
            await budget.TakeAsync(1, CancellationToken.None);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.TakeAsync(1, cancel.Token));
        }
    }
}
