using System.Linq;
using System.Management.Automation;
using Sixtyfour.Completers;
using Sixtyfour.Models;
using Sixtyfour.Validation;

namespace Sixtyfour.Commands
{
    /// <summary>Lists the block types workflows can use, each with the JSON Schema of its specs.</summary>
    [Cmdlet(VerbsCommon.Get, "SfWorkflowBlock")]
    [OutputType(typeof(SfBlockType))]
    public sealed class GetSfWorkflowBlockCommand : SixtyfourCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(BlockNameCompleter))]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            if (!TryAwait(token => Api.ListBlockTypesAsync(token), null, out var blocks)) return;
            BlockCatalogCache.Update(Api.Client.Connection, blocks);
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            WriteObject(patterns is null ? blocks : blocks.Where(b => patterns.Any(p => p.IsMatch(b.BlockName))), enumerateCollection: true);
        }
    }
}
