using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>Sets the API key and base URI every Sixtyfour command of this process uses.</summary>
    [Cmdlet(VerbsCommunications.Connect, "SfAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(SixtyfourConnection))]
    public sealed class ConnectSfAccountCommand : SixtyfourCmdlet
    {
        /// <summary>It sets or clears the connection: it needs none to start.</summary>
        private protected override bool UsesApi => false;

        /// <summary>The key; SIXTYFOUR_API_KEY when omitted. Works with SecretManagement: -ApiKey (Get-Secret Sixtyfour).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API's address; SIXTYFOUR_API_BASE_URL, else https://api.sixtyfour.ai.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSec { get; set; } = 100;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetryCount { get; set; } = 4;

        /// <summary>No retry starts once this many seconds have passed since a request's first attempt.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int MaxRetryTimeSec { get; set; } = 120;

        /// <summary>
        /// Status polls per minute for the whole process, shared by every wait (the API allows 500 requests a minute
        /// per key; the default leaves room for other calls).
        /// </summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxPollsPerMinute { get; set; } = SixtyfourClientOptions.DefaultPollsPerMinute;

        /// <summary>Connects without the one request that checks the key (offline, or to save the call).</summary>
        [Parameter]
        public SwitchParameter SkipCheck { get; set; }

        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            var key = ApiKey;
            var fromEnvironment = Environment.GetEnvironmentVariable(SixtyfourConnection.ApiKeyVariable);
            if (key is null && !string.IsNullOrEmpty(fromEnvironment)) key = SixtyfourConnection.ToSecureString(fromEnvironment!);
            if (key is null || key.Length == 0)
                throw Terminate(ErrorRecords.Create("ApiKeyMissing", ErrorCategory.InvalidArgument, null,
                    "No API key was given and SIXTYFOUR_API_KEY is not set.",
                    "Pass -ApiKey (Read-Host -AsSecureString), or set SIXTYFOUR_API_KEY. Keys are made at https://app.sixtyfour.ai/keys."));

            SixtyfourConnection connection;
            try
            {
                connection = new SixtyfourConnection(BaseUri ?? SixtyfourConnection.BaseUriFromEnvironment(), key, AllowInsecureHttp);
            }
            catch (ArgumentException e)
            {
                throw Terminate(ErrorRecords.InvalidBaseUri(e));
            }

            if (!await ShouldProcessAsync(connection.BaseUri.ToString(), "Connect").ConfigureAwait(false)) return;
            var options = new SixtyfourClientOptions
            {
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSec),
                Retry = new RetryPolicy { MaxAttempts = MaxRetryCount + 1, MaxElapsed = TimeSpan.FromSeconds(MaxRetryTimeSec) },
                PollsPerMinute = MaxPollsPerMinute,
            };
            if (!SkipCheck) await CheckKeyAsync(connection, token).ConfigureAwait(false);
            SixtyfourSession.Set(connection, options);
            Emit(connection);
        }

        /// <summary>
        /// One cheap request (GET /check-balance) so that a wrong key fails here, where it was given, and is not kept.
        /// Anything else that stops the check (no network, a server error) is a warning: the key may well be right.
        /// </summary>
        private async Task CheckKeyAsync(SixtyfourConnection connection, CancellationToken token)
        {
            // Once, and briefly: a check must not hold up a connect for the whole retry budget.
            var check = new SixtyfourApi(new SixtyfourClient(connection,
                new SixtyfourClientOptions { RequestTimeout = TimeSpan.FromSeconds(Math.Min(15, RequestTimeoutSec)), Retry = new RetryPolicy { MaxAttempts = 1 } }));
            try
            {
                await check.GetBalanceAsync(token).ConfigureAwait(false);
            }
            catch (SixtyfourApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                var record = ErrorRecords.From(e, connection);
                record.ErrorDetails.RecommendedAction = "The key was not kept. Check it (keys are made at https://app.sixtyfour.ai/keys), or connect with -SkipCheck to keep it anyway.";
                throw Terminate(record);
            }
            catch (Exception e) when (ErrorRecords.IsOperational(e))
            {
                Warning($"The key could not be checked ({e.Message}); it is kept. Commands will say if it is wrong. -SkipCheck connects without the check.");
            }
        }
    }
}
