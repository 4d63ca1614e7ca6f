using Pipeline.Host.Configuration;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using static TorchSharp.torch;

namespace Pipeline.Tests.Configuration;

/// <summary>
/// The two recipes for small collections beside the defaults (hocon/demo.conf, the short-chunk CNN on log-mel that
/// `make demo` trains, and hocon/small-samplecnn.conf) load, and the model each builds takes its own windows.
/// </summary>
public sealed class SmallRecipeTests
{
    public static TheoryData<string> Recipes => ["demo", "small-samplecnn"];

    [Theory]
    [MemberData(nameof(Recipes))]
    public void A_recipe_loads_and_its_model_scores_a_batch_of_its_own_windows(string name)
    {
        var settings = PipelineSettings.Load(Path.Combine(ConfigLayers.DefaultsDirectory, name + ".conf"), []);
        var windowSamples = settings.Provider.WindowSamples;

        using var model = ModelFactory.Create(settings.Model, windowSamples, tags: 30);
        model.eval();
        using var noGrad = no_grad();
        using var windows = randn(2, 1, windowSamples); // as the sessions feed every model: [rows, 1, samples]
        using var logits = model.call(windows);

        Assert.Equal([2L, 30L], logits.shape);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Training.Schedule.TimeBudget);
        Assert.Equal(Precision.Auto, settings.Training.Precision);
    }

    [Fact]
    public void The_demo_recipe_is_the_short_chunk_cnn_on_log_mel_at_16_kHz()
    {
        var settings = PipelineSettings.Load(Path.Combine(ConfigLayers.DefaultsDirectory, "demo.conf"), []);

        Assert.Equal(Architecture.Won2020ShortChunkCnn, settings.Model.Architecture);
        Assert.Equal(16_000, settings.Audio.SampleRate);
        Assert.Equal(new MelSettings(16_000, 512, 256, 0, 8_000, 64), settings.Model.Mel);
    }
}
