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
    public sealed class WorkflowIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Completion.Unquote(wordToComplete);
            return Completion.Workflows()
                .Where(w => w.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || w.Name.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(w => new CompletionResult(w.Id, $"{w.Name} ({w.Id})", CompletionResultType.ParameterValue, w.Description ?? w.Name));
        }
    }

    /// <summary>Completes workflow names, quoted when they hold spaces.</summary>
    public sealed class WorkflowNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(Completion.Unquote(wordToComplete) + "*", WildcardOptions.IgnoreCase);
            return Completion.Workflows()
                .Where(w => pattern.IsMatch(w.Name))
                .Select(w => new CompletionResult(Completion.Quote(w.Name), w.Name, CompletionResultType.ParameterValue, w.Description ?? w.Name));
        }
    }

    internal static class Completion
    {
        public static IEnumerable<SfWorkflow> Workflows() => WorkflowCache.Get(TimeSpan.FromMilliseconds(750)).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase);

        public static string Unquote(string word) => (word ?? string.Empty).Trim('\'', '"');

        public static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
    }
}
