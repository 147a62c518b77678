namespace Sixtyfour.Models
{
    public enum SfFindingSeverity
    {
        /// <summary>The API would refuse the definition, or a run of it could not work.</summary>
        Error,

        /// <summary>Worth a look, but the service may accept it.</summary>
        Warning,
    }

    /// <summary>What Test-SfWorkflow checks; the names are stable, so scripts can filter on them.</summary>
    public enum SfFindingRule
    {
        NoSource,
        SeveralSources,
        SourceCannotStart,
        SourceHasInput,
        DuplicateBlockId,
        UnknownEdgeEnd,
        Cycle,
        UnknownBlock,
        SpecsInvalid,
        TypeMismatch,
    }

    /// <summary>One problem Test-SfWorkflow found in a workflow definition.</summary>
    public sealed class SfWorkflowFinding
    {
        public SfWorkflowFinding(SfFindingSeverity severity, SfFindingRule rule, string? blockId, string message)
        {
            Severity = severity;
            Rule = rule;
            BlockId = blockId;
            Message = message;
        }

        public SfFindingSeverity Severity { get; }
        public SfFindingRule Rule { get; }

        /// <summary>The block the finding is about; null when it is about the whole graph.</summary>
        public string? BlockId { get; }

        public string Message { get; }

        /// <summary>The definition file or workflow the finding is about; null for a -Definition value.</summary>
        public string? Workflow { get; set; }

        /// <summary>As warnings and error messages list it; they say the severity themselves.</summary>
        public override string ToString() => $"{Rule}{(BlockId is null ? string.Empty : " " + BlockId)}: {Message}";
    }
}
