using System.Text;
using Sixtyfour.HelpBuilder.About;
using Sixtyfour.HelpBuilder.Cli;
using Sixtyfour.HelpBuilder.Describe;
using Sixtyfour.HelpBuilder.Maml;
using Sixtyfour.HelpBuilder.Parsing;

namespace Sixtyfour.HelpBuilder;

/// <summary>The command-line surface: <c>build-help</c> and <c>describe</c>. Exit codes: 0 ok, 1 schema errors, 2 usage.</summary>
public static class HelpBuilderApp
{
    public const int Ok = 0;
    public const int SchemaErrors = 1;
    public const int UsageError = 2;

    public const string Usage = """
        Sixtyfour.HelpBuilder - platyPS schema 2.0.0 markdown -> MAML / about_*.help.txt

        build-help --docs <dir> --out <dir> [--module-name <name>] [--assembly <Name.dll>] [--no-placeholders]
                   [--docs-url <url>]
            Converts every <Verb>-<Noun>.md into <out>/<assembly>-Help.xml and every about_*.md into
            <out>/about_*.help.txt. Without --assembly the pages' common 'external help file' is used.
            --no-placeholders turns leftover '{{ ... }}' placeholders from warnings into errors.
            --docs-url is where the pages are online (the build's SixtyfourDocsUrl by default): a command whose
            'online version' is empty gets <url><Command>.md as its online link, for Get-Help -Online.

        describe --docs <dir> [--out <file.json>] [--module-name <name>]
            Validates the pages and writes a JSON description of commands, parameter sets and parameters
            (stdout by default) for Test-SfHelpParity.ps1.

        Errors are printed as 'file:line: message'; any error gives exit code 1 and writes nothing.
        """;

    private static readonly HashSet<string> FlagNames = new(StringComparer.OrdinalIgnoreCase) { "no-placeholders", "help" };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help" or "-?")
            {
                stdout.WriteLine(Usage);
                return args.Length == 0 ? UsageError : Ok;
            }

            var commandLine = CommandLine.Parse(args, FlagNames);
            return commandLine.Verb switch
            {
                "build-help" => BuildHelp(commandLine, stdout, stderr),
                "describe" => Describe(commandLine, stdout, stderr),
                _ => throw new UsageException($"unknown command '{commandLine.Verb}'"),
            };
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            stderr.WriteLine(Usage);
            return UsageError;
        }
    }

    private static int BuildHelp(CommandLine commandLine, TextWriter stdout, TextWriter stderr)
    {
        commandLine.AllowOnly("docs", "out", "module-name", "assembly", "no-placeholders", "docs-url");
        var docsDir = commandLine.Required("docs");
        var outDir = commandLine.Required("out");
        var moduleName = commandLine.Optional("module-name");
        var assembly = commandLine.Optional("assembly");
        var helpFile = assembly is null ? null : assembly + "-Help.xml";
        var docsUrl = commandLine.Optional("docs-url") ?? BuildSettings.DocsUrl;
        if (docsUrl is not null && !(Uri.TryCreate(docsUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && docsUrl.EndsWith('/')))
        {
            throw new UsageException($"--docs-url '{docsUrl}' is not an http(s) URL ending in '/'");
        }

        var docs = DocsLoader.Load(docsDir, moduleName, helpFile, commandLine.Flag("no-placeholders"));
        if (Report(docs, stderr))
        {
            return SchemaErrors;
        }

        helpFile ??= docs.Commands.FirstOrDefault()?.ExternalHelpFile;
        Directory.CreateDirectory(outDir);
        if (docs.Commands.Count == 0)
        {
            stderr.WriteLine($"{docsDir}: warning: no <Verb>-<Noun>.md command pages found; no MAML written");
        }
        else
        {
            var mamlPath = Path.Combine(outDir, helpFile!);
            using (var stream = File.Create(mamlPath))
            {
                MamlWriter.Write(docs.Commands, stream, docsUrl);
            }

            stdout.WriteLine($"{mamlPath} ({docs.Commands.Count} command(s))");
        }

        foreach (var topic in docs.AboutTopics)
        {
            var aboutPath = Path.Combine(outDir, topic.Name + ".help.txt");
            File.WriteAllText(aboutPath, AboutTextWriter.Render(topic), new UTF8Encoding(true));
            stdout.WriteLine(aboutPath);
        }

        return Ok;
    }

    private static int Describe(CommandLine commandLine, TextWriter stdout, TextWriter stderr)
    {
        commandLine.AllowOnly("docs", "out", "module-name", "no-placeholders");
        var docs = DocsLoader.Load(commandLine.Required("docs"), commandLine.Optional("module-name"), null, commandLine.Flag("no-placeholders"));
        if (Report(docs, stderr))
        {
            return SchemaErrors;
        }

        var json = DocsDescriber.ToJson(docs);
        if (commandLine.Optional("out") is { } outFile)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(outFile));
            Directory.CreateDirectory(directory!);
            File.WriteAllText(outFile, json, new UTF8Encoding(false));
        }
        else
        {
            stdout.Write(json);
        }

        return Ok;
    }

    /// <returns>True when there were errors.</returns>
    private static bool Report(DocsSet docs, TextWriter stderr)
    {
        foreach (var warning in docs.Warnings)
        {
            stderr.WriteLine($"{warning} [warning]");
        }

        foreach (var error in docs.Errors)
        {
            stderr.WriteLine(error);
        }

        if (docs.Errors.Count > 0)
        {
            stderr.WriteLine($"{docs.Errors.Count} error(s); nothing written.");
            return true;
        }

        return false;
    }
}
