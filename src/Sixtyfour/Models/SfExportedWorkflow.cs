namespace Sixtyfour.Models
{
    /// <summary>A definition file that Export-SfWorkflow wrote (or found already the same); it converts to its path.</summary>
    public sealed class SfExportedWorkflow
    {
        public string Name { get; set; } = string.Empty;
        public string FullName { get; set; } = string.Empty;
        public long Length { get; set; }
        public string WorkflowId { get; set; } = string.Empty;
        public string WorkflowName { get; set; } = string.Empty;
        /// <summary>The file already held this definition and was left as it was.</summary>
        public bool Unchanged { get; set; }

        public override string ToString() => FullName;
    }
}
