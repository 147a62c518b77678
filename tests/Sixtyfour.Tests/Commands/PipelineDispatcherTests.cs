using System.IO;
using System.Management.Automation;
using Sixtyfour.Commands;
using Xunit;

// The dispatcher blocks the pipeline thread by design: these tests play that thread, so they block too.
#pragma warning disable xUnit1031

namespace Sixtyfour.Tests.Commands
{
    /// <summary>The test's own thread plays the pipeline thread: it is the one that made the dispatcher and calls Run.</summary>
    public sealed class PipelineDispatcherTests
    {
        [Fact]
        public void What_the_work_posts_runs_on_the_pipeline_thread_in_order()
        {
            var dispatcher = new PipelineDispatcher();
            var pipeline = Environment.CurrentManagedThreadId;
            var seen = new List<(int Value, int Thread)>();
            var result = dispatcher.Run(async token =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    var n = i;
                    dispatcher.Post(() => seen.Add((n, Environment.CurrentManagedThreadId)));
                    if (i % 100 == 0) await Task.Yield();
                }
                return 42;
            }, CancellationToken.None);
            Assert.Equal(42, result);
            Assert.Equal(Enumerable.Range(0, 1000), seen.Select(s => s.Value));
            Assert.All(seen, s => Assert.Equal(pipeline, s.Thread));
        }

        [Fact]
        public void A_write_posted_from_another_thread_outside_any_work_throws_and_never_runs_there()
        {
            var dispatcher = new PipelineDispatcher();
            var ran = false;
            var error = OnOtherThread(() => dispatcher.Post(() => ran = true));
            Assert.IsType<InvalidOperationException>(error);
            Assert.False(ran);
        }

        [Fact]
        public void Work_that_outlives_a_stop_never_writes_on_its_own_thread()
        {
            var dispatcher = new PipelineDispatcher(stopGrace: TimeSpan.FromMilliseconds(50));
            var stop = new CancellationTokenSource();
            var release = new ManualResetEventSlim();
            var lateWrite = new TaskCompletionSource<Exception?>();
            var ranOn = new List<int>();
            Assert.Throws<PipelineStoppedException>(() => dispatcher.Run<bool>(token =>
            {
                // Deaf to the token: it goes on after the pipeline has given up waiting for it.
                var straggler = Task.Run(() =>
                {
                    release.Wait();
                    lateWrite.SetResult(Record.Exception(() => dispatcher.Post(() => ranOn.Add(Environment.CurrentManagedThreadId))));
                    return true;
                });
                dispatcher.Post(() => { stop.Cancel(); throw new PipelineStoppedException(); });
                return straggler;
            }, stop.Token));
            release.Set();
            Assert.Null(lateWrite.Task.GetAwaiter().GetResult()); // dropped quietly: the work was told to stop
            Assert.Empty(ranOn);
        }

        [Fact]
        public void A_downstream_stop_such_as_Select_Object_First_cancels_the_work_and_stops_the_pipeline()
        {
            var dispatcher = new PipelineDispatcher();
            var written = 0;
            var cancelled = new TaskCompletionSource<bool>();
            Assert.Throws<PipelineStoppedException>(() => dispatcher.Run<int>(async token =>
            {
                try
                {
                    for (var i = 0; ; i++)
                    {
                        dispatcher.Post(() =>
                        {
                            // What WriteObject does once Select-Object -First 3 has what it wants.
                            if (++written > 3) throw new PipelineStoppedException();
                        });
                        await Task.Yield();
                        token.ThrowIfCancellationRequested();
                    }
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult(true);
                    throw;
                }
            }, CancellationToken.None));
            Assert.Equal(4, written);
            Assert.True(cancelled.Task.Wait(TimeSpan.FromSeconds(30)), "the work was not cancelled");
        }

        [Fact]
        public void Ctrl_C_mid_stream_ends_the_run_with_PipelineStoppedException()
        {
            var dispatcher = new PipelineDispatcher();
            using var stop = new CancellationTokenSource();
            var written = 0;
            Assert.Throws<PipelineStoppedException>(() => dispatcher.Run(async token =>
            {
                while (true)
                {
                    dispatcher.Post(() => { if (++written == 10) stop.Cancel(); });
                    await Task.Delay(1, token);
                }
#pragma warning disable CS0162
                return 0;
#pragma warning restore CS0162
            }, stop.Token));
            Assert.InRange(written, 10, 10 + PipelineDispatcher.QueueCapacity);
        }

        [Fact]
        public void A_producer_faster_than_the_pipeline_waits_for_room_instead_of_filling_memory()
        {
            var dispatcher = new PipelineDispatcher();
            long posted = 0, written = 0, mostPending = 0;
            dispatcher.Run(async token =>
            {
                await Task.Yield(); // the producer goes on on another thread, as a reader of a result does
                for (var i = 0; i < 20_000; i++)
                {
                    Interlocked.Increment(ref posted);
                    dispatcher.Post(() =>
                    {
                        var done = Interlocked.Increment(ref written);
                        var pending = Interlocked.Read(ref posted) - done;
                        if (pending > mostPending) mostPending = pending;
                        if (done % 1000 == 0) Thread.Sleep(5); // a slow consumer now and then
                    });
                }
                return true;
            }, CancellationToken.None);
            Assert.Equal(20_000, written);
            // The queue holds at most its capacity; one more may be counted as posted while it waits for room.
            Assert.InRange(mostPending, PipelineDispatcher.QueueCapacity, PipelineDispatcher.QueueCapacity + 1);
        }

        [Fact]
        public void An_exception_of_the_work_reaches_the_pipeline_thread_after_what_it_posted_before()
        {
            var dispatcher = new PipelineDispatcher();
            var written = new List<int>();
            var error = Assert.Throws<InvalidDataException>(() => dispatcher.Run<int>(token =>
            {
                dispatcher.Post(() => written.Add(1));
                dispatcher.Post(() => written.Add(2));
                throw new InvalidDataException("line 3 is not JSON");
            }, CancellationToken.None));
            Assert.Equal("line 3 is not JSON", error.Message);
            Assert.Equal(new[] { 1, 2 }, written);
        }

        [Fact]
        public void An_exception_of_a_posted_write_cancels_the_work_and_reaches_the_caller()
        {
            var dispatcher = new PipelineDispatcher();
            var cancelled = new TaskCompletionSource<bool>();
            Assert.Throws<ArgumentException>(() => dispatcher.Run(async token =>
            {
                await Task.Yield(); // off the pipeline thread, where the write is queued
                dispatcher.Post(() => throw new ArgumentException("bad write"));
                try { await Task.Delay(Timeout.Infinite, token); }
                catch (OperationCanceledException) { cancelled.SetResult(true); throw; }
                return 0;
            }, CancellationToken.None));
            Assert.True(cancelled.Task.Wait(TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public void Work_that_never_waits_runs_on_the_pipeline_thread_without_a_hand_over()
        {
            var dispatcher = new PipelineDispatcher();
            var ranOn = 0;
            var result = dispatcher.Run(token =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                return Task.FromResult(7);
            }, CancellationToken.None);
            Assert.Equal(7, result);
            Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
        }

        [Fact]
        public void A_question_from_async_work_is_asked_on_the_pipeline_thread_and_its_answer_returned()
        {
            var dispatcher = new PipelineDispatcher();
            var pipeline = Environment.CurrentManagedThreadId;
            var askedOn = new List<int>();
            var answers = dispatcher.Run(async token =>
            {
                var given = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    await Task.Yield();
                    var n = i;
                    // What ShouldProcess does: it needs the pipeline thread, and the work needs its answer.
                    given.Add(await dispatcher.Invoke(() =>
                    {
                        askedOn.Add(Environment.CurrentManagedThreadId);
                        return $"answer {n}";
                    }));
                }
                return given;
            }, CancellationToken.None);
            Assert.Equal(new[] { "answer 0", "answer 1", "answer 2" }, answers);
            Assert.Equal(new[] { pipeline, pipeline, pipeline }, askedOn);
        }

        [Fact]
        public void A_question_that_throws_ends_the_run_with_its_exception_and_the_work_sees_it_too()
        {
            var dispatcher = new PipelineDispatcher();
            var seenByWork = new TaskCompletionSource<Exception>();
            Assert.Throws<PipelineStoppedException>(() => dispatcher.Run<bool>(async token =>
            {
                await Task.Yield();
                try
                {
                    // ShouldProcess throws so when the user stops the pipeline at the prompt.
                    return await dispatcher.Invoke<bool>(() => throw new PipelineStoppedException());
                }
                catch (Exception e)
                {
                    seenByWork.SetResult(e);
                    throw;
                }
            }, CancellationToken.None));
            Assert.True(seenByWork.Task.Wait(TimeSpan.FromSeconds(30)), "the work never heard of the failed question");
            Assert.True(seenByWork.Task.Result is PipelineStoppedException || seenByWork.Task.Result is OperationCanceledException);
        }

        [Fact]
        public void Ctrl_C_while_a_question_waits_ends_the_wait_and_the_question_is_never_asked()
        {
            var dispatcher = new PipelineDispatcher();
            using var stop = new CancellationTokenSource();
            var asked = false;
            var waitEnded = new TaskCompletionSource<bool>();
            Assert.Throws<PipelineStoppedException>(() => dispatcher.Run<bool>(async token =>
            {
                await Task.Yield();
                dispatcher.Post(stop.Cancel); // Ctrl+C, pressed while the question below is on its way
                try
                {
                    return await dispatcher.Invoke(() => asked = true);
                }
                catch (OperationCanceledException)
                {
                    waitEnded.SetResult(true);
                    throw;
                }
            }, stop.Token));
            Assert.True(waitEnded.Task.Wait(TimeSpan.FromSeconds(30)), "the wait for the answer was not cancelled");
            Assert.False(asked);
        }

        [Fact]
        public void Ctrl_C_ends_the_run_even_when_the_work_ignores_its_token()
        {
            var release = new TaskCompletionSource<bool>();
            Exception? error = null;
            var pipeline = new Thread(() =>
            {
                var dispatcher = new PipelineDispatcher(stopGrace: TimeSpan.FromMilliseconds(50));
                using var stop = new CancellationTokenSource();
                error = Record.Exception(() => dispatcher.Run(async token =>
                {
                    await Task.Yield();
                    dispatcher.Post(stop.Cancel);
                    return await release.Task; // deaf to the token: only the test ends it
                }, stop.Token));
            });
            pipeline.Start();
            var ended = pipeline.Join(TimeSpan.FromSeconds(30));
            release.SetResult(true);
            Assert.True(ended, "Ctrl+C did not end the run while the work went on");
            Assert.IsType<PipelineStoppedException>(error);
        }

        [Fact]
        public void A_run_nested_in_another_runs_start_leaves_the_outer_work_its_own_session()
        {
            // Get-SfWorkflowRun | Get-SfWorkflowResult: a write of the outer command runs the inner one at once, on
            // the pipeline thread, while the outer work has not yet left it.
            var outer = new PipelineDispatcher();
            var inner = new PipelineDispatcher();
            var written = new List<string>();
            outer.Run(async token =>
            {
                outer.Post(() => inner.Run(async innerToken =>
                {
                    await Task.Yield();
                    inner.Post(() => written.Add("inner"));
                    return true;
                }, CancellationToken.None));
                await Task.Yield();
                outer.Post(() => written.Add("outer, after its first wait"));
                return true;
            }, CancellationToken.None);
            Assert.Equal(new[] { "inner", "outer, after its first wait" }, written);
        }

        [Fact]
        public void Work_can_only_be_started_from_the_pipeline_thread()
        {
            var dispatcher = new PipelineDispatcher();
            var error = OnOtherThread(() => dispatcher.Run(_ => Task.FromResult(1), CancellationToken.None));
            Assert.IsType<InvalidOperationException>(error);
        }

        /// <summary>A thread of its own: a task could be inlined on the waiting (pipeline) thread.</summary>
        private static Exception? OnOtherThread(Action action)
        {
            Exception? error = null;
            var thread = new Thread(() => error = Record.Exception(action));
            thread.Start();
            thread.Join();
            return error;
        }
    }
}
