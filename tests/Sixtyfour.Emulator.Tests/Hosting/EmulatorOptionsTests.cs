using Sixtyfour.Emulator.Hosting;

namespace Sixtyfour.Emulator.Tests.Hosting;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public void Defaults_are_loopback_and_the_development_key()
    {
        var options = EmulatorOptions.Parse([], _ => null);

        Assert.Equal(["http://127.0.0.1:6464"], options.Urls);
        Assert.Equal("sf-emulator-dev-key", options.ApiKey);
        Assert.Equal(ApiKeySource.DevelopmentDefault, options.ApiKeySource);
        Assert.Null(options.DataDirectory);
        Assert.Equal(TimeSpan.Zero, options.RowLatency);
        Assert.Equal(1_000_000m, options.Credits);
        Assert.Equal(500, options.RateLimit);
        Assert.False(options.Variations);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), options.StatusDelay);
    }

    [Fact]
    public void Variations_come_from_the_option_or_the_environment()
    {
        Assert.True(EmulatorOptions.Parse(["--variations"], _ => null).Variations);
        Assert.True(EmulatorOptions.Parse([], name => name == "SIXTYFOUR_EMULATOR_VARIATIONS" ? "1" : null).Variations);
        Assert.False(EmulatorOptions.Parse([], name => name == "SIXTYFOUR_EMULATOR_VARIATIONS" ? "0" : null).Variations);
    }

    [Fact]
    public void Rate_limit_and_status_delay_take_whole_numbers()
    {
        var options = EmulatorOptions.Parse(["--rate-limit", "0", "--status-delay-ms=750"], _ => null);

        Assert.Equal(0, options.RateLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.StatusDelay);
        Assert.Equal(7, EmulatorOptions.Parse(["--rate-limit=7"], _ => null).RateLimit);
    }

    [Fact]
    public void The_key_comes_from_the_option_before_the_environment()
    {
        Assert.Equal(("opt", ApiKeySource.CommandLine), Key(EmulatorOptions.Parse(["--api-key", "opt"], _ => "env")));
        Assert.Equal(("env", ApiKeySource.Environment), Key(EmulatorOptions.Parse([], name => name == "SIXTYFOUR_EMULATOR_API_KEY" ? "env" : null)));

        static (string, ApiKeySource) Key(EmulatorOptions options) => (options.ApiKey, options.ApiKeySource);
    }

    [Fact]
    public void Options_take_separate_or_inline_values()
    {
        var options = EmulatorOptions.Parse(["--urls=http://localhost:1;http://[::1]:2", "--data-dir", "/tmp/x", "--row-latency-ms=25", "--credits", "12.5"], _ => null);

        Assert.Equal(["http://localhost:1", "http://[::1]:2"], options.Urls);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(TimeSpan.FromMilliseconds(25), options.RowLatency);
        Assert.Equal(12.5m, options.Credits);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.1.2.3:80", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://192.168.1.10:5000", false)]
    [InlineData("http://example.com:5000", false)]
    public void Only_loopback_addresses_count_as_local(string url, bool loopback) =>
        Assert.Equal(loopback, EmulatorOptions.IsLoopback(url));

    [Fact]
    public void Remote_addresses_are_refused_unless_allowed()
    {
        var refused = Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse(["--urls", "http://0.0.0.0:6464"], _ => null));
        Assert.Contains("--allow-remote", refused.Message);

        Assert.True(EmulatorOptions.Parse(["--urls", "http://0.0.0.0:6464", "--allow-remote"], _ => null).AllowRemote);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--row-latency-ms", "-1")]
    [InlineData("--row-latency-ms", "abc")]
    [InlineData("--api-key")]
    [InlineData("--credits", "-5")]
    [InlineData("--credits", "lots")]
    [InlineData("--rate-limit", "-1")]
    [InlineData("--rate-limit")]
    [InlineData("--status-delay-ms", "soon")]
    public void Bad_command_lines_are_reported(params string[] args) =>
        Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse(args, _ => null));
}
