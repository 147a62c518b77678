using System;

namespace Sixtyfour.Models
{
    /// <summary>A workflow definition as the API lists it (GET /workflows, GET /workflows/{id}).</summary>
    public sealed class SfWorkflow
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string? Description { get; set; }
        public string? Status { get; set; }
        public string? Step { get; set; }
        public DateTime? CreatedAt { get; set; }
        public DateTime? UpdatedAt { get; set; }
        public DateTime? LastRunDate { get; set; }
        public string? UserUuid { get; set; }
        public string? OrgId { get; set; }

        /// <summary>The block graph; only detail answers (Get-SfWorkflow -Id or -IncludeDefinition) carry it.</summary>
        public SfWorkflowDefinition? Definition { get; set; }

        /// <summary>Lets a workflow bind to -WorkflowId by property name, as runs do.</summary>
        public string WorkflowId => Id;

        public override string ToString() => Name;
    }
}
