using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Sixtyfour.Client;
using Sixtyfour.Models;
using Sixtyfour.Validation;

namespace Sixtyfour.Completers
{
    /// <summary>Completes IANA time zone names (what schedules take): the system's own, plus the common ones where the system names zones otherwise (Windows).</summary>
    internal sealed class TimeZoneCompleter : IArgumentCompleter
    {
        private static readonly string[] Common =
        {
            "UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Completion.Unquote(wordToComplete);
            return TimeZoneInfo.GetSystemTimeZones().Select(zone => zone.Id).Where(id => id.IndexOf('/') > 0).Concat(Common)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || id.IndexOf("/" + typed, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderBy(id => id, StringComparer.OrdinalIgnoreCase)
                .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id));
        }
    }

    /// <summary>Completes job ids of the runs and jobs this session started, newest first; the menu says which workflow and when.</summary>
    internal sealed class JobIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Completion.Unquote(wordToComplete);
            return StartedRuns.Recent()
                .Where(run => run.JobId.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(run =>
                {
                    var what = $"{(run.IsBulkJob ? "Bulk Intelligence job" : run.WorkflowName ?? "run")}, started {run.StartedAtUtc.ToLocalTime():T}";
                    return new CompletionResult(run.JobId, $"{run.JobId} ({what})", CompletionResultType.ParameterValue, what);
                });
        }
    }

    /// <summary>Completes block names from the catalog this session already fetched (Get-SfWorkflowBlock, Test-SfWorkflow); Tab never waits on the network.</summary>
    internal sealed class BlockNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(Completion.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
            return BlockCatalogCache.Cached().Select(block => block.BlockName).Where(name => !string.IsNullOrEmpty(name) && pattern.IsMatch(name))
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
        }
    }

    /// <summary>Completes the tiers the -Type given takes (a Company job has no xhigh or scout).</summary>
    internal sealed class TierCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Completion.Unquote(wordToComplete);
            return SfBulkIntelligenceJob.TiersFor(fakeBoundParameters["Type"] as string)
                .Where(tier => tier.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(tier => new CompletionResult(tier, tier, CompletionResultType.ParameterValue, tier));
        }
    }
}
