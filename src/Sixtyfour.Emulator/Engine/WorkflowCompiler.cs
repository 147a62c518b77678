using System.Text.Json.Nodes;

namespace Sixtyfour.Emulator.Engine;

/// <summary>A workflow graph resolved against the block registry: plan, block types and dataframe types.</summary>
public sealed record CompiledWorkflow(WorkflowPlan Plan, IReadOnlyDictionary<PlannedBlock, IBlock> Blocks, IReadOnlyDictionary<PlannedBlock, string> DataframeTypes)
{
    /// <summary>The first source block, which the run request's payload or upload handle feeds.</summary>
    public PlannedBlock Source => Plan.Sources.First();
}

/// <summary>Turns a <see cref="WorkflowGraph"/> into a <see cref="CompiledWorkflow"/>, rejecting graphs that cannot run.</summary>
public sealed class WorkflowCompiler(BlockRegistry registry)
{
    /// <summary>Throws <see cref="WorkflowGraphException"/> naming the offending block.</summary>
    public CompiledWorkflow Compile(WorkflowGraph graph, JsonObject? specsOverride = null)
    {
        var plan = WorkflowPlan.Create(graph);
        var blocks = new Dictionary<PlannedBlock, IBlock>();
        var types = new Dictionary<PlannedBlock, string>();
        foreach (var planned in plan.Blocks)
        {
            var name = planned.Definition.BlockName;
            var block = registry.Find(name)
                ?? throw new WorkflowGraphException(planned.Id, $"Block '{planned.Id}' has unknown block_name '{name}'.");
            // Two locals, not `isSource != (Count == 0)`: a mutant of the inner comparison loses its parentheses and does not compile.
            var isSource = block is ISourceBlock;
            var hasParents = planned.Parents.Count > 0;
            if (isSource == hasParents)
            {
                throw new WorkflowGraphException(planned.Id, isSource
                    ? $"Block '{planned.Id}' ({name}) is a source block and cannot have incoming edges."
                    : $"Block '{planned.Id}' ({name}) is not connected to a source: it has no incoming edge.");
            }

            // No pattern variables: a mutated condition would leave one unassigned, and such mutants do not compile.
            var specs = WorkflowRun.EffectiveSpecs(planned, specsOverride);
            var problem = SpecsValidator.FindProblem(specs.Values, block.SpecsSchema);
            if (problem is not null)
            {
                throw new WorkflowGraphException(planned.Id, $"Block '{planned.Id}' ({name}): {problem.Message}.");
            }

            // Every parent must give the type the block requires or, when it requires none, the type of its first parent:
            // the parent named is then one that really gives another type.
            var inputType = isSource ? DataframeTypes.Lead : types[planned.Parents[0]];
            var expected = block.InputType ?? inputType;
            var mismatch = planned.Parents.FirstOrDefault(parent => types[parent] != expected);
            if (mismatch is not null)
            {
                throw new WorkflowGraphException(planned.Id,
                    $"Edge {mismatch.Id} -> {planned.Id}: block '{planned.Id}' ({name}) takes {expected} rows but block '{mismatch.Id}' ({mismatch.Definition.BlockName}) gives {types[mismatch]} rows.");
            }

            blocks[planned] = block;
            try
            {
                block.ValidateSpecs(specs);
                types[planned] = DataframeTypes.OutputOf(block, inputType, specs);
            }
            catch (BlockSpecsException exception)
            {
                throw new WorkflowGraphException(planned.Id, $"Block '{planned.Id}' ({name}): {exception.Message}");
            }
        }

        var second = plan.Sources.Skip(1).FirstOrDefault();
        if (second is not null)
        {
            throw new WorkflowGraphException(second.Id, $"Block '{second.Id}' ({second.Definition.BlockName}) is a second source; a workflow has exactly one source block, and every other block must be connected to it.");
        }

        return new CompiledWorkflow(plan, blocks, types);
    }
}
