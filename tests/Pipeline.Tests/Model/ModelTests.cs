using Pipeline.Tests.Support;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

public sealed class ModelTests
{
    private static ModelSettings Small(Architecture architecture) => TestModels.Small(architecture);

    public static IEnumerable<object[]> Architectures => TestModels.Architectures;

    [Fact]
    public void The_3_9_SampleCNN_takes_59049_samples_and_has_about_1_9_million_parameters()
    {
        using var model = ModelFactory.Create(TestSettings.Defaults.Model, 59_049, 50);
        using var scope = NewDisposeScope();
        model.eval();

        var logits = model.forward(randn(2, 1, 59_049));

        Assert.Equal(59_049, TestSettings.Defaults.Model.InputSamples);
        Assert.Equal(new long[] { 2, 50 }, logits.shape);
        Assert.InRange(ModelFactory.ParameterCount(model), 1_850_000, 1_950_000);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
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

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_summary_of_every_architecture_accounts_for_every_parameter(Architecture architecture)
    {
        var (settings, samples) = TestModels.Full(architecture);
        using var model = ModelFactory.Create(settings, samples, 50);

        var layers = ModelSummary.Trace(model, samples);

        Assert.Equal(ModelFactory.ParameterCount(model), layers.Sum(l => l.Parameters));
        Assert.Equal(new long[] { 1, 50 }, layers[^1].OutputShape);
    }

    [Fact]
    public void The_summary_lists_every_layer_with_its_output_shape_in_order()
    {
        using var model = ModelFactory.Create(TestSettings.Defaults.Model, 59_049, 50);

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
    public void Kims_SE_gate_follows_the_max_pool_amplifies_16x_and_the_head_is_1024_wide()
    {
        var settings = TestSettings.Defaults.Model with { Architecture = Architecture.SampleCnnSe };
        using var model = ModelFactory.Create(settings, settings.InputSamples, 50);

        var layers = ModelSummary.Trace(model, settings.InputSamples).Select(l => (l.Name, l.OutputShape)).ToList();

        var block1 = layers.Where(l => l.Name.StartsWith("blocks.block1.", StringComparison.Ordinal)).Select(l => l.Name).ToList();
        Assert.Equal(["blocks.block1.conv", "blocks.block1.bn", "blocks.block1.relu", "blocks.block1.pool",
            "blocks.block1.se.fc1", "blocks.block1.se.fc2"], block1);
        Assert.Equal(new long[] { 1, 16 * 128 }, layers.Single(l => l.Name == "blocks.block1.se.fc1").OutputShape);
        Assert.Equal(new long[] { 1, 16 * 512 }, layers.Single(l => l.Name == "blocks.block9.se.fc1").OutputShape);
        // The last three blocks (256 + 256 + 512), max-pooled and concatenated, into a layer as wide.
        Assert.Equal(new long[] { 1, 1_024 }, layers.Single(l => l.Name == "classifier.fc").OutputShape);
    }

    [Fact]
    public void A_ReSE_block_projects_its_shortcut_only_where_the_width_changes()
    {
        var settings = TestSettings.Defaults.Model with { Architecture = Architecture.SampleCnnReSe };
        using var model = ModelFactory.Create(settings, settings.InputSamples, 50);

        var layers = ModelSummary.Trace(model, settings.InputSamples);

        var projected = layers.Where(l => l.Name.EndsWith(".shortcut.conv", StringComparison.Ordinal)).Select(l => l.Name);
        Assert.Equal(["blocks.block3.shortcut.conv", "blocks.block9.shortcut.conv"], projected);
        Assert.Equal(256L * 128 + 256, layers.Single(l => l.Name == "blocks.block3.shortcut.conv").Parameters); // 1x1
        Assert.Contains(layers, l => l.Name == "blocks.block1.dropout");
        Assert.Equal(new long[] { 1, 1_024 }, layers.Single(l => l.Name == "classifier.fc").OutputShape);
    }

    [Fact]
    public void Won_et_als_first_layer_pads_where_Lees_does_not()
    {
        var lee = TestSettings.Defaults.Model;
        using var leeModel = TorchRuntime.WithRandomGenerator(() =>
        {
            manual_seed(5);
            return ModelFactory.Create(lee, lee.InputSamples, 50);
        });
        using var wonModel = ModelFactory.Create(lee with { Architecture = Architecture.Won2020SampleCnn }, lee.InputSamples, 50);
        using var _ = no_grad();
        wonModel.load_state_dict(leeModel.state_dict());
        leeModel.eval();
        wonModel.eval();
        using var scope = NewDisposeScope();

        // A pulse in the last sample: Lee's windows [3k, 3k+3) cover it, Won's [3k-1, 3k+2) end one sample before.
        var pulse = zeros(1, 1, lee.InputSamples);
        pulse[0, 0, lee.InputSamples - 1] = tensor(1f);
        var silence = zeros(1, 1, lee.InputSamples);

        Assert.False(leeModel.call(pulse).allclose(leeModel.call(silence)));
        Assert.True(wonModel.call(pulse).allclose(wonModel.call(silence)));
    }

    [Fact]
    public void Lees_and_Kims_models_start_from_Keras_initialisation_and_Won_et_als_from_PyTorchs()
    {
        var rese = TestSettings.Defaults.Model with { Architecture = Architecture.SampleCnnReSe };
        using var model = ModelFactory.Create(rese, rese.InputSamples, 50);
        using var won = ModelFactory.Create(rese with { Architecture = Architecture.Won2020SampleCnn }, rese.InputSamples, 50);
        var state = model.state_dict();
        using var scope = NewDisposeScope();

        // he_uniform: U(+-sqrt(6 / fan_in)); glorot_uniform: U(+-sqrt(6 / (fan_in + fan_out))); biases zero.
        AssertUniform(state["blocks.block2.conv1.weight"], Math.Sqrt(6.0 / (128 * 3)));
        AssertUniform(state["blocks.block3.shortcut.conv.weight"], Math.Sqrt(6.0 / (128 + 256)));
        AssertUniform(state["blocks.block2.se.fc1.weight"], Math.Sqrt(6.0 / (128 + 16 * 128)));
        AssertUniform(state["classifier.fc.weight"], Math.Sqrt(6.0 / (1_024 + 1_024)));
        Assert.Equal(0, state["blocks.block2.conv1.bias"].abs().max().item<float>());
        Assert.Equal(0, state["classifier.out.bias"].abs().max().item<float>());
        Assert.True(won.state_dict()["blocks.block2.conv.bias"].abs().max().item<float>() > 0, "PyTorch's default draws conv biases");
    }

    private static void AssertUniform(Tensor weight, double bound)
    {
        var largest = weight.abs().max().item<float>();
        Assert.InRange(largest, 0.95 * bound, bound);
    }
}
