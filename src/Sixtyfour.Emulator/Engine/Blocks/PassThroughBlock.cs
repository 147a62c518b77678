using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>
/// Base of the blocks that pass rows through unchanged and act once they all have (deliver, append,
/// record): the action reads the rows back from the block's own result file, so nothing is held.
/// </summary>
public abstract class PassThroughBlock : RowBlock, IFinishingBlock
{
    public abstract Task FinishAsync(BlockFinish finish, CancellationToken cancellationToken);

    /// <summary>Checks the specs beyond their schema; throws <see cref="BlockSpecsException"/>.</summary>
    protected abstract void CheckSpecs(BlockSpecs specs);

    protected sealed override RowProcessor Prepare(BlockSpecs specs)
    {
        CheckSpecs(specs);
        return RowProcessor.Map(row => row);
    }

    /// <summary>The rows that passed, read back from the block's result file.</summary>
    protected static IAsyncEnumerable<JsonObject> PassedRows(BlockFinish finish, CancellationToken cancellationToken) =>
        RowFileReader.ReadAsync(finish.Output.RowsPath, cancellationToken);
}
