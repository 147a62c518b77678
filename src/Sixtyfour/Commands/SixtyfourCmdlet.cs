using System;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// What every Sixtyfour cmdlet shares: the connection and the API, a cancellation token that Ctrl+C
    /// (StopProcessing) cancels, and the bridge that runs async work while keeping every Write* on the pipeline thread.
    /// </summary>
    public abstract class SixtyfourCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private PipelineDispatcher? _dispatcher;
        private SixtyfourApi? _api;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected SixtyfourApi Api => _api ??= new SixtyfourApi(new SixtyfourClient(ResolveConnection(), SixtyfourSession.Options, Log));

        private PipelineDispatcher Dispatcher => _dispatcher ??= new PipelineDispatcher();

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs <paramref name="work"/> off the pipeline thread and returns its result; what it posts meanwhile is written here.</summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work) => Dispatcher.Run(work, StopToken);

        protected void Await(Func<CancellationToken, Task> work) => Dispatcher.Run(async token => { await work(token).ConfigureAwait(false); return true; }, StopToken);

        /// <summary>Runs <paramref name="action"/> on the pipeline thread; safe to call from async work.</summary>
        protected void Post(Action action) => Dispatcher.Post(action);

        /// <summary>
        /// Runs the work; a failure of the API, the network or the data becomes a non-terminating error for
        /// <paramref name="target"/> so the next pipeline record still gets its turn.
        /// </summary>
        protected bool TryAwait<T>(Func<CancellationToken, Task<T>> work, object? target, out T result)
        {
            try
            {
                result = Await(work);
                return true;
            }
            catch (Exception e) when (IsOperationalFailure(e))
            {
                WriteError(ErrorRecords.From(e, target));
                result = default!;
                return false;
            }
        }

        protected static bool IsOperationalFailure(Exception e) =>
            e is SixtyfourApiException || e is HttpRequestException || e is TimeoutException || e is IOException
            || e is JsonException || e is UnauthorizedAccessException;

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
            ThrowTerminatingError(ErrorRecords.Create("NotConnected", ErrorCategory.AuthenticationError, null,
                "No Sixtyfour API key is set for this session.",
                $"Run Connect-SfAccount -ApiKey (Read-Host -AsSecureString), or set the {SixtyfourConnection.ApiKeyVariable} environment variable."));
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
