using System.Management.Automation;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>Shows where commands go and with which key (its last four characters only): Connect-SfAccount's, else the environment's.</summary>
    [Cmdlet(VerbsCommon.Get, "SfConnection")]
    [OutputType(typeof(SixtyfourConnection))]
    public sealed class GetSfConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = SixtyfourSession.Resolve();
            if (connection is null)
                WriteError(ErrorRecords.NotConnected());
            else
                WriteObject(connection);
        }
    }
}
