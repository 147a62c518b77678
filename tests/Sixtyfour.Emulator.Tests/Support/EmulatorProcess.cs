using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Sixtyfour.Emulator.Tests.Support;

/// <summary>
/// The emulator as a real process (the built <c>Sixtyfour.Emulator.dll</c>), for what an in-process
/// host cannot show: a kill -9, and what it writes to the console at start.
/// </summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[EmulatorDll, "--urls", "http://127.0.0.1:0", "--api-key", EmulatorFixture.ApiKey, "--rate-limit", "0", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Receive(line.Data);
        process.ErrorDataReceived += (_, line) => Receive(line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The emulator exited before listening:{Environment.NewLine}{Output}"));
        process.EnableRaisingEvents = true;
    }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts the emulator and waits until it listens.</summary>
    public static async Task<EmulatorProcess> StartAsync(params string[] arguments)
    {
        var emulator = new EmulatorProcess(arguments);
        emulator.process.Start();
        emulator.process.BeginOutputReadLine();
        emulator.process.BeginErrorReadLine();
        var baseAddress = await emulator.listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        emulator.Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        emulator.Client.DefaultRequestHeaders.Add("x-api-key", EmulatorFixture.ApiKey);
        emulator.Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return emulator;
    }

    /// <summary>SIGKILL: no shutdown code runs, as after a crash or kill -9.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    /// <summary>The emulator beside this test assembly's build: same configuration, the project's own output (with its runtime config and example workflows).</summary>
    private static string EmulatorDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent!.Name;
            var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repository, "src", "Sixtyfour.Emulator", "bin", configuration, testOutput.Name, "Sixtyfour.Emulator.dll");
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
