namespace Sixtyfour.HelpBuilder.Cli;

/// <summary>A verb plus <c>--name value</c> options and <c>--flag</c> switches.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    private CommandLine(string verb) => Verb = verb;

    public string Verb { get; }

    public static CommandLine Parse(string[] args, IReadOnlySet<string> flagNames)
    {
        if (args.Length == 0)
        {
            throw new UsageException("missing command");
        }

        var result = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            if (flagNames.Contains(name))
            {
                result._flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"option '{arg}' needs a value");
            }

            if (!result._options.TryAdd(name, args[++i]))
            {
                throw new UsageException($"option '{arg}' given twice");
            }
        }

        return result;
    }

    public string Required(string name)
        => _options.TryGetValue(name, out var value) ? value : throw new UsageException($"{Verb}: missing --{name}");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Concat(_flags).FirstOrDefault(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new UsageException($"{Verb}: unknown option --{unknown}");
        }
    }
}

public sealed class UsageException(string message) : Exception(message);
