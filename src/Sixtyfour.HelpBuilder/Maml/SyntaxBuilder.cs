using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Maml;

/// <summary>One MAML <c>syntaxItem</c>: a parameter set and the per-set metadata of its parameters.</summary>
public sealed record SyntaxItem(string? SetName, IReadOnlyList<(ParameterHelp Parameter, ParameterMetadata Metadata)> Parameters);

/// <summary>Rebuilds the syntax blocks from the yaml metadata (the SYNTAX code blocks are ignored, as platyPS does).</summary>
public static class SyntaxBuilder
{
    public static IReadOnlyList<SyntaxItem> Build(CommandHelp command)
    {
        var setNames = command.ParameterSets
            .OrderByDescending(s => s.IsDefault)
            .Select(s => (string?)s.Name)
            .ToList();
        if (setNames.Count == 0)
        {
            setNames.Add(null);
        }

        return setNames.Select(set => new SyntaxItem(set, ParametersOf(command, set))).ToList();
    }

    private static List<(ParameterHelp, ParameterMetadata)> ParametersOf(CommandHelp command, string? set)
    {
        var list = new List<(ParameterHelp Parameter, ParameterMetadata Metadata)>();
        foreach (var parameter in command.Parameters)
        {
            var metadata = set is null ? parameter.Primary : parameter.ForSet(set);
            if (metadata is not null)
            {
                list.Add((parameter, metadata));
            }
        }

        // Stable: positional parameters by position, then named ones in page order.
        return list
            .Select((p, i) => (p, i))
            .OrderBy(x => x.p.Metadata.Position ?? int.MaxValue)
            .ThenBy(x => x.i)
            .Select(x => x.p)
            .ToList();
    }
}
