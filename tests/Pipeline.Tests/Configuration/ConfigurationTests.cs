using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Audio;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Configuration;

[Collection(GlobalLoggerCollection.Name)]
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new("config");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_shipped_defaults_load_into_typed_settings()
    {
        var settings = PipelineSettings.Load(null, []);

        Assert.Equal(22_050, settings.Audio.SampleRate);
        Assert.Equal(ResampleQuality.High, settings.Audio.ResampleQuality);
    }

    [Fact]
    public void Later_layers_override_earlier_ones_and_origins_are_remembered()
    {
        var user = _dir.File("user.conf");
        File.WriteAllText(user, "pipeline.audio { sample-rate = 16000, resample-quality = low }");

        var layers = ConfigLayers.Load(user, ["pipeline.audio.sample-rate=8000"]);
        var settings = PipelineSettings.Read(new SettingsReader(layers));

        Assert.Equal(8_000, settings.Audio.SampleRate);
        Assert.Equal(ResampleQuality.Low, settings.Audio.ResampleQuality);
        Assert.Equal("-D pipeline.audio.sample-rate=8000", layers.OriginOf("pipeline.audio.sample-rate"));
        Assert.Equal(user, layers.OriginOf("pipeline.audio.resample-quality"));
    }

    [Fact]
    public void Override_values_are_taken_literally()
    {
        var layers = ConfigLayers.Load(null, ["pipeline.logging.directory=/data//logs dir"]);

        Assert.Equal("/data//logs dir", new SettingsReader(layers).String("pipeline.logging.directory"));
    }

    [Theory]
    [InlineData("pipeline.audio.sample-rate=abc", "pipeline.audio.sample-rate = abc", "must be a whole number")]
    [InlineData("pipeline.audio.sample-rate=-5", "pipeline.audio.sample-rate = -5", "must be between")]
    [InlineData("pipeline.audio.resample-quality=best", "pipeline.audio.resample-quality = best", "must be one of")]
    [InlineData("pipeline.audio.sample-rte=16000", "pipeline.audio.sample-rte", "unknown key")]
    public void A_bad_override_exits_with_2_naming_key_value_and_origin(string assignment, string keyAndValue, string problem)
    {
        var (code, _, error) = CliRunner.Run("config", "-D", assignment);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(keyAndValue, error);
        Assert.Contains($"from -D {assignment}", error);
        Assert.Contains(problem, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void An_unknown_key_in_a_config_file_names_the_file()
    {
        var user = _dir.File("user.conf");
        File.WriteAllText(user, "pipeline {\n  audio { sample-rate = 16000 }\n  trainng { epochs = 3 }\n}\n");

        var (code, _, error) = CliRunner.Run("config", "--config", user);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("pipeline.trainng.epochs", error);
        Assert.Contains(user, error);
        Assert.Contains("unknown key", error);
    }

    [Fact]
    public void A_missing_config_file_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("config", "--config", _dir.File("absent.conf"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("absent.conf", error);
    }

    [Fact]
    public void A_list_where_a_number_belongs_is_rejected()
    {
        var (code, _, error) = CliRunner.Run("config", "-D", "pipeline.audio.sample-rate=[1, 2]");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("pipeline.audio.sample-rate", error);
    }

    [Fact]
    public void Config_prints_the_resolved_settings_with_their_origins()
    {
        var (code, output, _) = CliRunner.Run("config", "-D", "pipeline.audio.sample-rate=16000");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("pipeline.audio.sample-rate = 16000    # -D pipeline.audio.sample-rate=16000", output);
        Assert.Contains("pipeline.audio.resample-quality = high    # defaults in pipeline.conf", output);
    }

    [Fact]
    public void Help_lists_the_commands_and_unknown_commands_are_usage_errors()
    {
        var (helpCode, help, _) = CliRunner.Run("--help");
        var (unknownCode, _, error) = CliRunner.Run("frobnicate");

        Assert.Equal(ExitCodes.Success, helpCode);
        Assert.Contains("config", help);
        Assert.Contains("--config", help);
        Assert.Contains("-D", help);
        Assert.Equal(ExitCodes.UsageOrConfiguration, unknownCode);
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public void The_configuration_hash_ignores_origins_but_not_values()
    {
        var user = _dir.File("user.conf");
        File.WriteAllText(user, "pipeline.audio.sample-rate = 16000");

        var fromFile = ResolvedConfig.Hash(ConfigLayers.Load(user, []));
        var fromOverride = ResolvedConfig.Hash(ConfigLayers.Load(null, ["pipeline.audio.sample-rate=16000"]));
        var defaults = ResolvedConfig.Hash(ConfigLayers.Load(null, []));

        Assert.Equal(fromFile, fromOverride);
        Assert.NotEqual(defaults, fromFile);
    }
}
