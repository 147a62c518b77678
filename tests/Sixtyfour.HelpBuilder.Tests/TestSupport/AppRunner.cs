namespace Sixtyfour.HelpBuilder.Tests.TestSupport;

public sealed record AppResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the help builder's command line in-process.</summary>
internal static class AppRunner
{
    public static AppResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = HelpBuilderApp.Run(args, stdout, stderr);
        return new AppResult(exit, stdout.ToString(), stderr.ToString());
    }
}
