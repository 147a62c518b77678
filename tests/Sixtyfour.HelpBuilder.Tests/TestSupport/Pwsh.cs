using System.Diagnostics;

namespace Sixtyfour.HelpBuilder.Tests.TestSupport;

/// <summary>Runs a script in a child 'dotnet pwsh' (the repo's local tool) and captures its output.</summary>
internal static class Pwsh
{
    public static AppResult Run(string script, TimeSpan? timeout = null)
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), "sf-helpbuilder-" + Guid.NewGuid().ToString("N")[..10] + ".ps1");
        File.WriteAllText(scriptFile, "$ErrorActionPreference = 'Stop'\n" + script + "\nexit 0\n");
        try
        {
            return RunFile(scriptFile, timeout);
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    private static AppResult RunFile(string scriptFile, TimeSpan? timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestPaths.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", scriptFile })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pwsh did not finish in time");
        }

        return new AppResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Quote(string path) => "'" + path.Replace("'", "''") + "'";
}
