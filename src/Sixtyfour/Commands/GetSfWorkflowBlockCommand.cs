using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Adapters;
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

        private protected override async Task EndProcessingAsync(CancellationToken token)
        {
            var (ok, blocks) = await Attempt(async () => WorkflowModels.BlockTypes(await Api.ListBlockTypesAsync(token).ConfigureAwait(false)), null).ConfigureAwait(false);
            if (!ok) return;
            BlockCatalogCache.Update(Api.Client.Connection, blocks);
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            EmitAll(patterns is null ? blocks : blocks.Where(b => patterns.Any(p => p.IsMatch(b.BlockName))).ToList());
        }
    }
}
