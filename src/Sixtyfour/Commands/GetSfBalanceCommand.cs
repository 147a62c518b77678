using System.Management.Automation;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Shows the organisation's remaining credits, which runs and Bulk Intelligence jobs draw on.</summary>
    [Cmdlet(VerbsCommon.Get, "SfBalance")]
    [OutputType(typeof(SfBalance))]
    public sealed class GetSfBalanceCommand : SixtyfourCmdlet
    {
        protected override void EndProcessing()
        {
            if (TryAwait(token => Api.GetBalanceAsync(token), null, out var balance)) WriteObject(balance);
        }
    }
}
