using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Shared;
using Pipeline.Tests.Training;
using static TorchSharp.torch;

namespace Pipeline.Tests.Support;

/// <summary>A small SampleCNN, its sessions and batches, for running the same work on the CPU and on another device.</summary>
public static class DeviceFixtures
{
    // No dropout: two sessions given the same weights and batches then compute the same steps on any device.
    public static readonly ModelSettings Model = TrainingTests.SmallCnn with { Dropout = 0 };

    public static int Tags => AudibleTagsCorpus.Tags.Length;

    /// <summary>SGD as the paper presets train (Nesterov momentum, weight decay), or Adam; the precision as given.</summary>
    public static TrainingSettings Settings(OptimizerKind optimizer, Precision precision = Precision.Fp32) =>
        TrainingTests.Settings(epochs: 1) with
        {
            Optimizer = optimizer, LearningRate = 0.01, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4, Precision = precision,
        };

    public static TrainingSession Session(TrainingSettings training, Device device) =>
        new(Model, training, Model.InputSamples, AudibleTagsCorpus.Tags, device);

    /// <summary><paramref name="rows"/> windows with 0/1 labels, row i cut from clip i % <paramref name="clips"/>.</summary>
    public static Batch Batch(int seed, int rows = 8, int clips = 4)
    {
        var random = new Random(seed);
        var samples = Enumerable.Range(0, rows * Model.InputSamples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var labels = Enumerable.Range(0, rows * Tags).Select(_ => (float)random.Next(2)).ToArray();
        return new Batch(rows, Model.InputSamples, Tags, samples, labels, [.. Enumerable.Range(0, rows).Select(r => new WindowRow(r % clips, r / clips))]);
    }

    public static void AssertClose(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, value) in expected)
            Assert.True(actual[name].to(value.dtype).allclose(value, rtol: tolerance, atol: tolerance),
                $"{name}: {what} (largest difference {(actual[name].to(value.dtype) - value).abs().max().to(ScalarType.Float64).item<double>()})");
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst}");
    }
}
