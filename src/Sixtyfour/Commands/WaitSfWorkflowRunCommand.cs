using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Sixtyfour.Client;
using Sixtyfour.Completers;
using Sixtyfour.Models;

namespace Sixtyfour.Commands
{
    /// <summary>Waits for runs to end, all at once under one progress display, and outputs each completed run.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "SfWorkflowRun")]
    [OutputType(typeof(SfWorkflowRun))]
    public sealed class WaitSfWorkflowRunCommand : RunWaitingCmdlet
    {
        private readonly List<SfWorkflowRun> _runs = new List<SfWorkflowRun>();

        /// <summary>Job ids, or run objects (bound by their JobId property).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        private protected override Task ProcessRecordAsync(CancellationToken token)
        {
            foreach (var id in JobId) _runs.Add(StartedRuns.Describe(id));
            return Task.CompletedTask;
        }

        private protected override Task EndProcessingAsync(CancellationToken token) => WaitForRunsAsync(_runs, token);
    }
}
