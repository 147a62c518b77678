using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// What every Sixtyfour cmdlet shares: the connection and the API (resolved in BeginProcessing, on the pipeline
    /// thread), a cancellation token that Ctrl+C (StopProcessing) cancels, and one async method per record
    /// (<see cref="ProcessRecordAsync"/>, <see cref="EndProcessingAsync"/>) whose output, progress, messages, errors and
    /// questions (ShouldProcess) are queued to the pipeline thread and written only there. One step
    /// (<see cref="Attempt{T}"/>) turns a failure of the work into an error record for the input at hand.
    /// </summary>
    public abstract class SixtyfourCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected SixtyfourCmdlet() { }

        /// <summary>Where the log lines of a call started by <see cref="Detach{T}"/> wait for the step that joins it.</summary>
        private static readonly AsyncLocal<ConcurrentQueue<string>?> DetachedLog = new AsyncLocal<ConcurrentQueue<string>?>();

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelineDispatcher? _dispatcher;
        private SixtyfourApi? _api;

        /// <summary>False for the commands that manage the connection itself and send nothing with it.</summary>
        private protected virtual bool UsesApi => true;

        /// <summary>The API of the session's connection, resolved in BeginProcessing: never lazily, so never on a worker thread.</summary>
        private protected SixtyfourApi Api =>
            _api ?? throw new InvalidOperationException($"{GetType().Name} uses the API, which is resolved in BeginProcessing: call base.BeginProcessing().");

        private PipelineDispatcher Dispatcher =>
            _dispatcher ?? throw new InvalidOperationException("A pipeline write was posted outside the command's work; PowerShell allows writes only on the pipeline thread.");

        /// <summary>
        /// Resolves the connection; without one, the command ends here, before any record, with NotConnected. Commands
        /// that check parameters first do so in an override, on the pipeline thread, then call this.
        /// </summary>
        protected override void BeginProcessing()
        {
            if (UsesApi) _api = new SixtyfourApi(new SixtyfourClient(ResolveConnection(), SixtyfourSession.Options, LogRequest));
        }

        protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

        protected sealed override void EndProcessing() => Run(EndProcessingAsync);

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>The work of one pipeline record; <paramref name="token"/> is cancelled by Ctrl+C and by a downstream stop.</summary>
        private protected virtual Task ProcessRecordAsync(CancellationToken token) => Task.CompletedTask;

        /// <summary>The work after the last record (what the records were gathered for).</summary>
        private protected virtual Task EndProcessingAsync(CancellationToken token) => Task.CompletedTask;

        /// <summary>
        /// Runs one step of work through the dispatcher. The policy of the whole command: an operational failure that
        /// the work let through is a non-terminating error, so the next record still runs; a terminating error the
        /// work asked for (<see cref="Terminate"/>) is thrown here, on the pipeline thread.
        /// </summary>
        private void Run(Func<CancellationToken, Task> work)
        {
            _dispatcher ??= new PipelineDispatcher();
            try
            {
                _dispatcher.Run(async token =>
                {
                    await work(token).ConfigureAwait(false);
                    return true;
                }, _stopping.Token);
            }
            catch (TerminatingErrorException e)
            {
                ThrowTerminatingError(e.Record);
            }
            catch (Exception e) when (ErrorRecords.IsOperational(e))
            {
                WriteError(ErrorRecords.From(e, null));
            }
        }

        /// <summary>
        /// The call-and-report step of every cmdlet: runs the call; a failure of the API, the network, a file or the
        /// data becomes a non-terminating error for <paramref name="target"/>, and the work goes on with its next input.
        /// <paramref name="specific"/> may give the record an operation tells better than the general policy
        /// (<see cref="ErrorRecords.From"/>); null, or a null answer, keeps the general one.
        /// </summary>
        private protected async Task<(bool Ok, T Value)> Attempt<T>(Func<Task<T>> call, object? target, Func<Exception, Task<ErrorRecord?>>? specific = null)
        {
            try
            {
                return (true, await call().ConfigureAwait(false));
            }
            catch (Exception e) when (ErrorRecords.IsOperational(e))
            {
                var record = specific is null ? null : await specific(e).ConfigureAwait(false);
                Error(record ?? ErrorRecords.From(e, target));
                return (false, default!);
            }
        }

        /// <inheritdoc cref="Attempt{T}"/>
        private protected async Task<bool> Attempt(Func<Task> call, object? target, Func<Exception, Task<ErrorRecord?>>? specific = null) =>
            (await Attempt(async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            }, target, specific).ConfigureAwait(false)).Ok;

        /// <summary>
        /// Starts <paramref name="call"/> and lets the step that started it end first, so the pipeline goes on while it
        /// runs (a batch of records is sent while the next one is read). The call must post nothing itself: its requests'
        /// log lines wait in the returned <see cref="Detached{T}"/>, and <see cref="Join{T}"/> writes them, and its outcome,
        /// in a later step. Ctrl+C, and the end of the command, cancel it.
        /// </summary>
        private protected Detached<T> Detach<T>(Func<CancellationToken, Task<T>> call)
        {
            var log = new ConcurrentQueue<string>();
            var outer = DetachedLog.Value;
            DetachedLog.Value = log;
            try
            {
                return new Detached<T>(call(_stopping.Token), log);
            }
            catch (Exception e)
            {
                return new Detached<T>(Task.FromException<T>(e), log);
            }
            finally
            {
                DetachedLog.Value = outer;
            }
        }

        /// <summary>Waits for a detached call in the current step: its log lines are written, then its answer returned or its failure thrown.</summary>
        private protected async Task<T> Join<T>(Detached<T> detached)
        {
            try
            {
                return await detached.Call.ConfigureAwait(false);
            }
            finally
            {
                while (detached.Log.TryDequeue(out var line)) Verbose(line);
            }
        }

        private void LogRequest(string line)
        {
            if (DetachedLog.Value is { } log) log.Enqueue(line);
            else Verbose(line);
        }

        /// <summary>A call started by <see cref="Detach{T}"/>, with the log lines it made so far.</summary>
        private protected sealed class Detached<T>
        {
            public Detached(Task<T> call, ConcurrentQueue<string> log)
            {
                Call = call;
                Log = log;
            }

            public Task<T> Call { get; }

            public ConcurrentQueue<string> Log { get; }
        }

        /// <summary>An exception for the work to throw: it ends the command with <paramref name="record"/>, thrown on the pipeline thread.</summary>
        private protected static Exception Terminate(ErrorRecord record) => new TerminatingErrorException(record);

        // The writes of the async work: queued to the pipeline thread (run at once when called there), a bug from any other thread.
        private protected void Emit(object? value) => Dispatcher.Post(() => WriteObject(value));

        private protected void EmitAll(IEnumerable values) => Dispatcher.Post(() => WriteObject(values, enumerateCollection: true));

        private protected void Error(ErrorRecord record) => Dispatcher.Post(() => WriteError(record));

        private protected void Warning(string text) => Dispatcher.Post(() => WriteWarning(text));

        private protected void Verbose(string text) => Dispatcher.Post(() => WriteVerbose(text));

        private protected void Progress(ProgressRecord record) => Dispatcher.Post(() => WriteProgress(record));

        /// <summary>Runs <paramref name="action"/> on the pipeline thread (several writes in one hand-over).</summary>
        private protected void Post(Action action) => Dispatcher.Post(action);

        /// <summary>Asks on the pipeline thread (-WhatIf, -Confirm) and waits for the answer; Ctrl+C ends the wait.</summary>
        private protected Task<bool> ShouldProcessAsync(string target, string action) => Dispatcher.Invoke(() => ShouldProcess(target, action));

        /// <summary>Runs <paramref name="function"/> on the pipeline thread (a provider path, the session state) and returns its answer.</summary>
        private protected Task<T> OnPipeline<T>(Func<T> function) => Dispatcher.Invoke(function);

        /// <summary>
        /// Runs <paramref name="body"/> for each item of <paramref name="items"/>, which is enumerated on the pipeline
        /// thread, one item at a time: a lazy sequence that resolves paths and writes errors (InputFiles) keeps its order
        /// with what the body writes.
        /// </summary>
        private protected async Task ForEachOnPipeline<T>(IEnumerable<T> items, Func<T, Task> body)
        {
            var enumerator = await OnPipeline(items.GetEnumerator).ConfigureAwait(false);
            try
            {
                while (await OnPipeline(enumerator.MoveNext).ConfigureAwait(false)) await body(enumerator.Current).ConfigureAwait(false);
            }
            finally
            {
                enumerator.Dispose();
            }
        }

        private SixtyfourConnection ResolveConnection()
        {
            SixtyfourConnection? connection = null;
            try
            {
                connection = SixtyfourSession.Resolve();
            }
            catch (ArgumentException e) when (e.ParamName == SixtyfourConnection.BaseUriVariable)
            {
                ThrowTerminatingError(ErrorRecords.InvalidBaseUri(e));
            }
            if (connection != null) return connection;
            ThrowTerminatingError(ErrorRecords.NotConnected());
            throw new InvalidOperationException("unreachable");
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposing) return;
            // A detached call nobody joined (the pipeline stopped downstream) ends with the command.
            _stopping.Cancel();
            _stopping.Dispose();
        }

        /// <summary>Carries a terminating error from the work to the pipeline thread, the only one that may throw it.</summary>
        private sealed class TerminatingErrorException : Exception
        {
            public TerminatingErrorException(ErrorRecord record) : base(record.Exception?.Message) => Record = record;

            public ErrorRecord Record { get; }
        }
    }
}
