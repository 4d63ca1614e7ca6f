using Pipeline.Model.Models;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

public sealed class ModelTests
{
    private static ModelSettings Small(Architecture architecture) =>
        ModelSettings.SampleCnn39 with { Architecture = architecture, Depth = 6, BlockChannels = [16, 16, 32, 32, 32, 64], StemChannels = 16, HeadChannels = 64 };

    [Fact]
    public void The_3_9_SampleCNN_takes_59049_samples_and_has_about_1_9_million_parameters()
    {
        using var model = ModelFactory.Create(ModelSettings.SampleCnn39, 59_049, 50);
        using var scope = NewDisposeScope();
        model.eval();

        var logits = model.forward(randn(2, 1, 59_049));

        Assert.Equal(59_049, ModelSettings.SampleCnn39.InputSamples);
        Assert.Equal(new long[] { 2, 50 }, logits.shape);
        Assert.InRange(ModelFactory.ParameterCount(model), 1_850_000, 1_950_000);
    }

    [Theory]
    [InlineData(Architecture.SampleCnn)]
    [InlineData(Architecture.SampleCnnSe)]
    [InlineData(Architecture.Mlp)]
    public void Small_variants_map_a_batch_of_segments_to_one_logit_per_tag(Architecture architecture)
    {
        var settings = Small(architecture);
        using var model = ModelFactory.Create(settings, settings.InputSamples, 7);
        using var scope = NewDisposeScope();

        var logits = model.forward(randn(5, 1, settings.InputSamples));
        logits.sum().backward();

        Assert.Equal(2_187, settings.InputSamples);
        Assert.Equal(new long[] { 5, 7 }, logits.shape);
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void The_summary_lists_every_layer_with_its_output_shape_in_order()
    {
        using var model = ModelFactory.Create(ModelSettings.SampleCnn39, 59_049, 50);

        var layers = ModelSummary.Trace(model, 59_049);
        var text = ModelSummary.Render(model, 59_049);

        Assert.Equal(new long[] { 1, 128, 19_683 }, layers.First(l => l.Name == "stem.conv").OutputShape);
        Assert.Equal(new long[] { 1, 128, 6_561 }, layers.First(l => l.Name == "blocks.block1.pool").OutputShape);
        Assert.Equal(new long[] { 1, 512, 1 }, layers.First(l => l.Name == "blocks.block9.pool").OutputShape);
        Assert.Equal(new long[] { 1, 50 }, layers[^1].OutputShape);
        Assert.Equal(ModelFactory.ParameterCount(model), layers.Sum(l => l.Parameters));
        Assert.Contains($"total parameters: {ModelFactory.ParameterCount(model):N0}", text);
        Assert.True(model.training, "tracing must leave the model in the mode it found it");
    }

    [Fact]
    public void SampleCNN_SE_aggregates_the_last_blocks()
    {
        var settings = Small(Architecture.SampleCnnSe);
        using var model = ModelFactory.Create(settings, settings.InputSamples, 7);

        var layers = ModelSummary.Trace(model, settings.InputSamples);

        // The classifier sees the max-pooled channels of the last three blocks: 32 + 32 + 64.
        var fc = layers.Single(l => l.Name == "classifier.fc");
        Assert.Equal((32 + 32 + 64) * 64 + 64, fc.Parameters);
        Assert.Contains(layers, l => l.Name.EndsWith(".se") || l.Name.Contains(".se."));
    }
}
