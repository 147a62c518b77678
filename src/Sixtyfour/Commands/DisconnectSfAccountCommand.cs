using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>Forgets the connection Connect-SfAccount made; commands then fall back to SIXTYFOUR_API_KEY, if set.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "SfAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectSfAccountCommand : SixtyfourCmdlet
    {
        /// <summary>It sets or clears the connection: it needs none to start.</summary>
        private protected override bool UsesApi => false;

        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            var current = SixtyfourSession.Connection;
            if (current is null) return;
            if (await ShouldProcessAsync(current.BaseUri.ToString(), "Disconnect").ConfigureAwait(false)) SixtyfourSession.Clear();
        }
    }
}
