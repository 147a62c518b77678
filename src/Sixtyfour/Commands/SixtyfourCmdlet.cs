using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// What every Sixtyfour cmdlet shares: the connection and the API (resolved in BeginProcessing, on the pipeline
    /// thread), a cancellation token that Ctrl+C (StopProcessing) cancels, the bridge that runs async work while keeping
    /// every Write* on the pipeline thread, and the one step that turns a failure of that work into an error record.
    /// </summary>
    public abstract class SixtyfourCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>Only the module's own cmdlets derive from it.</summary>
        private protected SixtyfourCmdlet() { }

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelineDispatcher? _dispatcher;
        private SixtyfourApi? _api;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        private protected CancellationToken StopToken => _stopping.Token;

        /// <summary>False for the commands that manage the connection itself and send nothing with it.</summary>
        private protected virtual bool UsesApi => true;

        /// <summary>The API of the session's connection, resolved in BeginProcessing: never lazily, so never on a worker thread.</summary>
        private protected SixtyfourApi Api =>
            _api ?? throw new InvalidOperationException($"{GetType().Name} uses the API, which is resolved in BeginProcessing: call base.BeginProcessing().");

        private PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher();

        /// <summary>Resolves the connection; without one, the command ends here, before any record, with NotConnected.</summary>
        protected override void BeginProcessing()
        {
            if (UsesApi) _api = new SixtyfourApi(new SixtyfourClient(ResolveConnection(), SixtyfourSession.Options, Log));
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs <paramref name="work"/> off the pipeline thread and returns its result; what it posts meanwhile is written here.</summary>
        private protected T Await<T>(Func<CancellationToken, Task<T>> work) => Dispatcher.Run(work, StopToken);

        private protected void Await(Func<CancellationToken, Task> work) => Dispatcher.Run(async token => { await work(token).ConfigureAwait(false); return true; }, StopToken);

        /// <summary>Runs <paramref name="action"/> on the pipeline thread; safe to call from async work, a bug from any other thread.</summary>
        private protected void Post(Action action) => Dispatcher.Post(action);

        /// <summary>
        /// The call-and-report step of every cmdlet: runs the work; a failure of the API, the network, a file or the
        /// data becomes a non-terminating error for <paramref name="target"/> so the next pipeline record still gets its
        /// turn. <paramref name="specific"/> may give the record an operation tells better than the general policy
        /// (<see cref="ErrorRecords.From"/>); null keeps the general one.
        /// </summary>
        private protected bool TryAwait<T>(Func<CancellationToken, Task<T>> work, object? target, out T result, Func<Exception, ErrorRecord?>? specific = null)
        {
            try
            {
                result = Await(work);
                return true;
            }
            catch (Exception e) when (ErrorRecords.IsOperational(e))
            {
                WriteError(specific?.Invoke(e) ?? ErrorRecords.From(e, target));
                result = default!;
                return false;
            }
        }

        private void Log(string message) => Post(() => WriteVerbose(message));

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
            if (disposing) _stopping.Dispose();
        }
    }
}
