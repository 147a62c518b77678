using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Sixtyfour.Models;

namespace Sixtyfour.Completers
{
    /// <summary>Completes workflow ids; typing part of a name finds the id too, and the menu shows the name.</summary>
    internal sealed class WorkflowIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Completion.Unquote(wordToComplete);
            return Completion.Workflows()
                .Where(w => w.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || w.Name.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(w => Completion.Result(w.Id, $"{w.Name} ({w.Id})", w));
        }
    }

    /// <summary>Completes workflow names, quoted when they hold spaces.</summary>
    internal sealed class WorkflowNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(Completion.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
            // A workflow without a name has nothing to complete here (and an empty completion text throws).
            return Completion.Workflows()
                .Where(w => !string.IsNullOrEmpty(w.Name) && pattern.IsMatch(w.Name))
                .Select(w => Completion.Result(Completion.Quote(w.Name), w.Name, w));
        }
    }

    internal static class Completion
    {
        public static IEnumerable<SfWorkflow> Workflows() => WorkflowCache.Get(TimeSpan.FromMilliseconds(750)).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// CompletionResult throws on an empty tooltip, and one throw makes PowerShell drop every result for file
        /// names; the API allows an empty description (and name), so the tooltip falls back to the name, then the id.
        /// </summary>
        public static CompletionResult Result(string text, string listItem, SfWorkflow workflow)
        {
            var tooltip = !string.IsNullOrEmpty(workflow.Description) ? workflow.Description : !string.IsNullOrEmpty(workflow.Name) ? workflow.Name : workflow.Id;
            return new CompletionResult(text, listItem, CompletionResultType.ParameterValue, tooltip);
        }

        public static string Unquote(string word) => (word ?? string.Empty).Trim('\'', '"');

        public static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
    }
}
