using System.Globalization;
using System.Net;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>Where the API key in use came from; decides whether the start banner may print it.</summary>
public enum ApiKeySource
{
    DevelopmentDefault,
    CommandLine,
    Environment,
}

/// <summary>The emulator's command line, parsed and checked before the host is built.</summary>
public sealed record EmulatorOptions
{
    public const string DefaultUrl = "http://127.0.0.1:6464";
    public const string DevelopmentApiKey = "sf-emulator-dev-key";
    public const string ApiKeyEnvironmentVariable = "SIXTYFOUR_EMULATOR_API_KEY";
    public const string VariationsEnvironmentVariable = "SIXTYFOUR_EMULATOR_VARIATIONS";

    /// <summary>The documented general limit: 500 requests per minute per API key.</summary>
    public const int DefaultRateLimit = 500;

    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];
    public string ApiKey { get; init; } = DevelopmentApiKey;
    public ApiKeySource ApiKeySource { get; init; } = ApiKeySource.DevelopmentDefault;

    /// <summary>Null means a fresh temporary directory, deleted when the emulator stops.</summary>
    public string? DataDirectory { get; init; }

    public TimeSpan RowLatency { get; init; } = TimeSpan.Zero;

    /// <summary>How often running runs are saved (with a kept data directory), so a kill loses at most this much progress.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often scheduled runs are checked for; tests shorten it.</summary>
    public TimeSpan ScheduleTick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry delay of webhook deliveries; each further retry waits twice as long.</summary>
    public TimeSpan WebhookBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The credit balance at start (and after <c>/_emulator/reset</c>). Large by default so ordinary
    /// test suites and benchmarks never run out; tests of 402 set a small one.
    /// </summary>
    public decimal Credits { get; init; } = 1_000_000m;
    public bool AllowRemote { get; init; }

    /// <summary>
    /// Host names (the request's <c>Host</c>) accepted besides loopback names and the listen addresses;
    /// <c>*</c> accepts any. See <see cref="RequestGuardMiddleware"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public bool ShowHelp { get; init; }

    /// <summary>
    /// Every shape variation at once (see <c>Testing/Variation</c>): the other answers the references
    /// allow, so clients can be tested against them, not only against this emulator's own reading.
    /// </summary>
    public bool Variations { get; init; }

    /// <summary>How long a new run stays unknown to live_status and job-status under the status_delay variation.</summary>
    public TimeSpan StatusDelay { get; init; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>API requests allowed per minute; 0 turns the limit off.</summary>
    public int RateLimit { get; init; } = DefaultRateLimit;

    /// <summary>How many runs execute at the same time; further runs wait queued.</summary>
    public int MaxConcurrentRuns { get; init; } = 4;

    public const string Usage = """
        Usage: Sixtyfour.Emulator [options]
          --urls URL[;URL]       Listen addresses (default http://127.0.0.1:6464; port 0 picks a free port)
          --api-key KEY          API key clients must send as x-api-key (else $SIXTYFOUR_EMULATOR_API_KEY, else sf-emulator-dev-key)
          --data-dir DIR         Keep uploads, result files and state in DIR across restarts (default: a temporary directory deleted at exit)
          --row-latency-ms N     Delay per row in emulated enrichment blocks (default 0)
          --credits N            Starting credit balance (default 1000000)
          --webhook-backoff-ms N First retry delay of webhook deliveries, doubling per retry (default 1000)
          --rate-limit N         API requests allowed per minute, 429 with Retry-After beyond (default 500, as documented; 0 = off)
          --variations           Answer in every other shape the references allow (also $SIXTYFOUR_EMULATOR_VARIATIONS=1); see README "Variations"
          --status-delay-ms N    How long live_status and job-status answer 404 for a new run under the status_delay variation (default 2000)
          --allow-remote         Allow listening on, and outgoing_webhook deliveries to, non-loopback addresses
          --allowed-hosts H[,H]  Also answer requests whose Host is one of these names (* = any; default: loopback names and the listen addresses)
          --help                 Show this help
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="EmulatorOptionsException"/> with a user-facing message.</summary>
    public static EmulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        var options = new EmulatorOptions();
        string? commandLineKey = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new EmulatorOptionsException($"Option {name} needs a value."));
            options = name switch
            {
                "--urls" => options with { Urls = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--api-key" => options with { ApiKey = commandLineKey = Value() },
                "--data-dir" => options with { DataDirectory = Value() },
                "--row-latency-ms" => options with { RowLatency = TimeSpan.FromMilliseconds(ParseNonNegative(name, Value())) },
                "--webhook-backoff-ms" => options with { WebhookBackoff = TimeSpan.FromMilliseconds(ParseNonNegative(name, Value())) },
                "--credits" => options with { Credits = ParseCredits(name, Value()) },
                "--rate-limit" => options with { RateLimit = ParseNonNegative(name, Value()) },
                "--variations" => options with { Variations = true },
                "--status-delay-ms" => options with { StatusDelay = TimeSpan.FromMilliseconds(ParseNonNegative(name, Value())) },
                "--allow-remote" => options with { AllowRemote = true },
                "--allowed-hosts" => options with { AllowedHosts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new EmulatorOptionsException($"Unknown option '{args[i]}'."),
            };
        }

        if (options.Urls.Count == 0)
        {
            throw new EmulatorOptionsException("--urls needs at least one address.");
        }

        if (!string.IsNullOrEmpty(commandLineKey))
        {
            options = options with { ApiKeySource = ApiKeySource.CommandLine };
        }
        else if (getEnvironmentVariable(ApiKeyEnvironmentVariable) is { Length: > 0 } environmentKey)
        {
            options = options with { ApiKey = environmentKey, ApiKeySource = ApiKeySource.Environment };
        }
        else
        {
            options = options with { ApiKey = DevelopmentApiKey, ApiKeySource = ApiKeySource.DevelopmentDefault };
        }

        if (getEnvironmentVariable(VariationsEnvironmentVariable) == "1")
        {
            options = options with { Variations = true };
        }

        if (!options.AllowRemote && options.Urls.FirstOrDefault(url => !IsLoopback(url)) is { } remote)
        {
            throw new EmulatorOptionsException(
                $"Refusing to listen on '{remote}': it is not a loopback address. The emulator has a well-known development key; pass --allow-remote to listen there anyway.");
        }

        return options;
    }

    /// <summary>True for 127.x, localhost and [::1]; wildcards (*, +, 0.0.0.0) and other hosts are remote.</summary>
    public static bool IsLoopback(string url) => IsLoopbackHost(HostOf(url));

    /// <summary>True for the host names 127.x, localhost and [::1] (brackets optional).</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The host of a URL or authority (<c>http://name:port/path</c>), IPv6 with its brackets.</summary>
    public static string HostOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authority = (schemeEnd < 0 ? url : url[(schemeEnd + 3)..]).Split('/')[0];
        return authority.StartsWith('[') ? authority[..(authority.IndexOf(']') + 1)] : authority.Split(':')[0];
    }

    private static (string Name, string? InlineValue) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static decimal ParseCredits(string name, string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var credits)
            ? credits
            : throw new EmulatorOptionsException($"Option {name} needs a non-negative number, got '{value}'.");

    private static int ParseNonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new EmulatorOptionsException($"Option {name} needs a non-negative whole number, got '{value}'.");
}

/// <summary>A command-line problem, reported to the user without a stack trace.</summary>
public sealed class EmulatorOptionsException(string message) : Exception(message);
