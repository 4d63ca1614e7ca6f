using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using System.Collections.Immutable;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Models;
using Pipeline.Shared;
using Pipeline.Tests.Support;
using TorchSharp.Modules;

namespace Pipeline.Tests.Tagging;

/// <summary>Embeddings taken with a forward hook during the pass that gives the probabilities, for every architecture.</summary>
public sealed class LayerTapTests
{
    public static IEnumerable<object[]> Architectures => TestModels.Architectures;

    private static ModelSettings Small(Architecture architecture) => TestModels.Small(architecture, headChannels: 24);

    private static Batch Windows(int rows, int length) =>
        Batch.Unlabelled(rows, length, [.. Enumerable.Range(0, rows * length).Select(i => (float)Math.Sin(i * 0.013 + i / length))]);

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_default_tap_is_what_the_output_layer_takes_in_and_leaves_the_probabilities_as_they_were(Architecture architecture)
    {
        var settings = Small(architecture);
        var length = settings.InputSamples;
        using var session = new EvaluationSession(settings, length, ["a", "b", "c"], TorchSharp.torch.CPU, Precision.Fp32);
        var output = session.Model.named_modules().Select(m => m.module).OfType<AutocastLinear>().Last();
        var batch = Windows(3, length);
        var untapped = session.Predict(batch);

        using var tap = LayerTap.Attach(session.Model, layer: null);
        var tapped = session.Predict(batch);
        var embeddings = tap.Take();

        // Within float noise, not bit for bit: MKL's sgemm picks its kernel by the buffers' alignment, so two passes
        // over the same rows can differ in the last bit (seen once in the Mlp row under CI's load). A hook that
        // changed the layer's input would move them by far more.
        Assert.Equal(untapped.Length, tapped.Length);
        for (var i = 0; i < tapped.Length; i++)
            Assert.Equal(untapped[i], tapped[i], 1e-6f);
        Assert.Equal(output.InFeatures, tap.Size);
        Assert.Equal(3 * tap.Size, embeddings.Length);
        Assert.StartsWith("penultimate (input of ", tap.Layer);
        // The rows are the dense layer's input: applied to them, it gives the model's logits.
        using var input = TorchSharp.torch.tensor(embeddings, [3, tap.Size]);
        using var logits = output.call(input);
        var probabilities = TorchSharp.torch.sigmoid(logits).data<float>().ToArray();
        for (var i = 0; i < tapped.Length; i++)
            Assert.Equal(tapped[i], probabilities[i], 1e-5f);
    }

    [Fact]
    public void A_named_layers_output_over_time_is_averaged_to_one_vector_per_row_and_taken_once()
    {
        var settings = Small(Architecture.SampleCnn);
        using var session = new EvaluationSession(settings, settings.InputSamples, ["a"], TorchSharp.torch.CPU, Precision.Fp32);
        using var tap = LayerTap.Attach(session.Model, "blocks.block2");

        session.Predict(Windows(2, settings.InputSamples));

        Assert.Equal(2 * 16, tap.Take().Length);
        Assert.Equal(16, tap.Size);
        Assert.Throws<InvalidOperationException>(() => tap.Take());
    }
}
