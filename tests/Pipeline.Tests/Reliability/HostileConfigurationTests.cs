using System.Globalization;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// Every key of hocon/pipeline.conf given a value of the wrong type, every size given a negative value: each stops
/// the program with exit code 2 and a message naming the key.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class HostileConfigurationTests
{
    private static readonly ConfigLayers Defaults = ConfigLayers.Load(null, []);

    public static IEnumerable<object[]> Keys() =>
        ConfigLayers.LeafPaths(Defaults.Merged).Where(k => k.StartsWith("pipeline.", StringComparison.Ordinal)).Order().Select(k => new object[] { k });

    /// <summary>A value of another type than the default's: words for numbers, flags and durations; a list for text; text for lists.</summary>
    private static string WrongType(string key)
    {
        var value = Defaults.Merged.GetValue(key);
        if (value.IsArray() || value.GetString() is null) // an empty list reads as no string
            return "not-a-list";
        var raw = value.GetString();
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return "twelve";
        if (raw is "on" or "off" or "true" or "false")
            return "perhaps";
        if (System.Text.RegularExpressions.Regex.IsMatch(raw, @"^\d+\s*(ms|s|m|h)$"))
            return "soon";
        return "[1, 2]";
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_value_of_the_wrong_type_names_the_key(string key)
    {
        var (code, _, error) = CliRunner.Run("config", "-D", $"{key}={WrongType(key)}");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(key, error);
        Assert.Contains("(from -D", error);
    }

    public static IEnumerable<object[]> Sizes() =>
        Keys().Select(k => (string)k[0])
            .Where(k => !k.EndsWith(".seed", StringComparison.Ordinal) && Defaults.Merged.GetValue(k) is var v && !v.IsArray()
                        && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_negative_number_names_the_key(string key)
    {
        var (code, _, error) = CliRunner.Run("config", "-D", $"{key}=-2");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains($"{key} = -2", error);
    }

    [Theory]
    [InlineData("pipeline.training.batch-size=0")]
    [InlineData("pipeline.training.evaluation-batch-size=0")]
    [InlineData("pipeline.provider.shuffle-buffer=0")]
    [InlineData("pipeline.provider.window-samples=0")]
    [InlineData("pipeline.provider.stream-buffer=3")]
    [InlineData("pipeline.model.block-channels=[]")]
    [InlineData("pipeline.model.block-channels=[128, 0, 256, 256, 256, 256, 256, 256, 512]")]
    [InlineData("pipeline.dataset.test-fraction=0.95")]
    [InlineData("pipeline.training.nesterov=yes please")]
    [InlineData("pipeline.trainer.epochs=3")]
    [InlineData("pipeline.training.epoch=3")]
    public void Out_of_range_values_and_unknown_keys_name_the_key(string assignment)
    {
        var (code, _, error) = CliRunner.Run("config", "-D", assignment);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(assignment[..assignment.IndexOf('=')].Split('.')[^1], error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_hostile_config_file_names_the_file()
    {
        using var dir = new TempDirectory("hostile-config");
        var file = dir.File("hostile.conf");
        File.WriteAllText(file, "pipeline {\n  training { batch-size = -23 }\n}\n");

        var (code, _, error) = CliRunner.Run("train", "--data", dir.Path, "--out", dir.File("run"), "--config", file);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains($"pipeline.training.batch-size = -23 (from {file})", error);
    }
}
