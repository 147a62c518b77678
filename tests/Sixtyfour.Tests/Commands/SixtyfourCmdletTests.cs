using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Sixtyfour.Commands;
using Xunit;

namespace Sixtyfour.Tests.Commands
{
    /// <summary>
    /// The cmdlet runtime seen from a real pipeline: a probe cmdlet on the module's base class does per record what
    /// the module's cmdlets do (ask ShouldProcess, fail, write from the wrong thread) from its async work.
    /// </summary>
    public sealed class SixtyfourCmdletTests : IDisposable
    {
        private readonly PowerShell _ps;

        public SixtyfourCmdletTests()
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Invoke-SfRuntimeProbe", typeof(InvokeSfRuntimeProbeCommand), null));
            _ps = PowerShell.Create(state);
        }

        private Collection<PSObject> Probe(string script) => _ps.AddScript(script).Invoke();

        [Fact]
        public void ShouldProcess_asked_from_async_work_is_answered_on_the_pipeline_thread()
        {
            var done = Probe("'a', 'b' | Invoke-SfRuntimeProbe -Confirm:$false");
            Assert.Equal(new[] { "a done on the pipeline thread", "b done on the pipeline thread" }, done.Select(o => o.BaseObject));
            Assert.Empty(_ps.Streams.Error);
        }

        [Fact]
        public void WhatIf_answers_no_to_async_work_and_nothing_is_done()
        {
            Assert.Empty(Probe("'a', 'b' | Invoke-SfRuntimeProbe -WhatIf"));
            Assert.Empty(_ps.Streams.Error);
        }

        [Fact]
        public void A_write_from_a_thread_that_runs_no_work_of_the_command_throws_and_writes_nothing()
        {
            var output = Probe("'foreign' | Invoke-SfRuntimeProbe");
            Assert.Equal(new object[] { nameof(InvalidOperationException) }, output.Select(o => o.BaseObject));
        }

        [Fact]
        public void An_operational_failure_of_one_record_is_its_error_and_the_next_record_still_runs()
        {
            var output = Probe("'fail', 'b' | Invoke-SfRuntimeProbe -Confirm:$false");
            Assert.Equal(new object[] { "b done on the pipeline thread" }, output.Select(o => o.BaseObject));
            var error = Assert.Single(_ps.Streams.Error);
            Assert.Equal("TransferFailed,Sixtyfour.Tests.Commands.InvokeSfRuntimeProbeCommand", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void A_terminating_error_asked_for_by_async_work_ends_the_command_from_the_pipeline_thread()
        {
            // A terminating error ends its statement: 'b' never runs, the next statement does.
            var output = Probe("'terminate', 'b' | Invoke-SfRuntimeProbe -Confirm:$false; 'after'");
            Assert.Equal(new object[] { "after" }, output.Select(o => o.BaseObject));
            var error = Assert.Single(_ps.Streams.Error);
            Assert.Equal("ProbeTerminated,Sixtyfour.Tests.Commands.InvokeSfRuntimeProbeCommand", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void A_detached_call_outlives_the_step_that_started_it_and_the_step_that_joins_it_writes_its_answer()
        {
            // 'detach' starts a call that waits for 'join' to let it go: had 'detach' waited for it, it would time out.
            var output = Probe("'detach', 'join' | Invoke-SfRuntimeProbe -Confirm:$false");
            Assert.Equal(new object[] { "released by a later step" }, output.Select(o => o.BaseObject));
            Assert.Empty(_ps.Streams.Error);
        }

        [Fact]
        public void A_detached_call_nobody_joins_is_cancelled_when_the_command_ends()
        {
            Assert.Empty(Probe("'detach-forever' | Invoke-SfRuntimeProbe -Confirm:$false"));
            var call = InvokeSfRuntimeProbeCommand.Unjoined!;
            Assert.True(SpinWait.SpinUntil(() => call.IsCompleted, TimeSpan.FromSeconds(10)));
            Assert.True(call.IsCanceled);
        }

        public void Dispose() => _ps.Dispose();
    }

    /// <summary>Each piped item names what the async work does with it.</summary>
    [Cmdlet("Invoke", "SfRuntimeProbe", SupportsShouldProcess = true)]
    public sealed class InvokeSfRuntimeProbeCommand : SixtyfourCmdlet
    {
        private int _pipelineThread;
        private readonly TaskCompletionSource<bool> _release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private Detached<string>? _detached;

        /// <summary>The call of the last 'detach-forever', which nothing joins.</summary>
        public static Task<string>? Unjoined { get; private set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public string Item { get; set; } = string.Empty;

        private protected override bool UsesApi => false;

        protected override void BeginProcessing()
        {
            _pipelineThread = Environment.CurrentManagedThreadId;
            base.BeginProcessing();
        }

        private protected override async Task ProcessRecordAsync(CancellationToken token)
        {
            await Task.Yield(); // off the pipeline thread, as work is after its first wait
            switch (Item)
            {
                case "detach":
                    _detached = Detach(async stop =>
                        await Task.WhenAny(_release.Task, Task.Delay(TimeSpan.FromSeconds(10), stop)).ConfigureAwait(false) == _release.Task
                            ? "released by a later step"
                            : "timed out: the step that started it waited for it");
                    return;
                case "join":
                    _release.SetResult(true);
                    Emit(await Join(_detached!).ConfigureAwait(false));
                    return;
                case "detach-forever":
                    Unjoined = Detach(async stop =>
                    {
                        await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
                        return "never";
                    }).Call;
                    return;
                case "fail":
                    throw new IOException("the disk went away");
                case "terminate":
                    throw Terminate(ErrorRecords.Create("ProbeTerminated", ErrorCategory.InvalidOperation, Item, "The probe ends the command.", null));
                case "foreign":
                    Exception? error = null;
                    var thread = new Thread(() => error = Record.Exception(() => Emit("written from a foreign thread")));
                    // Without the work's context: a thread of a timer, a callback or another command, not one the work started.
                    using (ExecutionContext.SuppressFlow()) thread.Start();
                    thread.Join();
                    Emit(error?.GetType().Name);
                    return;
            }
            var askedOn = 0;
            if (!await OnPipeline(() =>
                {
                    askedOn = Environment.CurrentManagedThreadId;
                    return ShouldProcess(Item, "Probe");
                }).ConfigureAwait(false))
                return;
            Emit($"{Item} done {(askedOn == _pipelineThread ? "on" : "off")} the pipeline thread");
        }
    }
}
