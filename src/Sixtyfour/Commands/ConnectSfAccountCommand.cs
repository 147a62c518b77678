using System;
using System.Management.Automation;
using System.Security;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>Sets the API key and base URI every Sixtyfour command of this process uses.</summary>
    [Cmdlet(VerbsCommunications.Connect, "SfAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(SixtyfourConnection))]
    public sealed class ConnectSfAccountCommand : SixtyfourCmdlet
    {
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

        protected override void EndProcessing()
        {
            var key = ApiKey;
            var fromEnvironment = Environment.GetEnvironmentVariable(SixtyfourConnection.ApiKeyVariable);
            if (key is null && !string.IsNullOrEmpty(fromEnvironment)) key = SixtyfourConnection.ToSecureString(fromEnvironment!);
            if (key is null || key.Length == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create("ApiKeyMissing", ErrorCategory.InvalidArgument, null,
                    "No API key was given and SIXTYFOUR_API_KEY is not set.",
                    "Pass -ApiKey (Read-Host -AsSecureString), or set SIXTYFOUR_API_KEY. Keys are made at https://app.sixtyfour.ai/keys."));
                return;
            }

            SixtyfourConnection connection;
            try
            {
                connection = new SixtyfourConnection(BaseUri ?? SixtyfourConnection.BaseUriFromEnvironment(), key, AllowInsecureHttp);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.InvalidBaseUri(e));
                return;
            }

            if (!ShouldProcess(connection.BaseUri.ToString(), "Connect")) return;
            var options = new SixtyfourClientOptions
            {
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSec),
                Retry = new RetryPolicy { MaxAttempts = MaxRetryCount + 1, MaxElapsed = TimeSpan.FromSeconds(MaxRetryTimeSec) },
                PollsPerMinute = MaxPollsPerMinute,
            };
            SixtyfourSession.Set(connection, options);
            WriteObject(connection);
        }
    }
}
