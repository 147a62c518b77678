using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Shows the organisation's remaining credits, which runs and Bulk Intelligence jobs draw on.</summary>
    [Cmdlet(VerbsCommon.Get, "SfBalance")]
    [OutputType(typeof(SfBalance))]
    public sealed class GetSfBalanceCommand : SixtyfourCmdlet
    {
        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            var (ok, balance) = await Attempt(() => Api.GetBalanceAsync(token), null).ConfigureAwait(false);
            if (ok) Emit(balance);
        }
    }
}
