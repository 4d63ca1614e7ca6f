using Pipeline.Model.Metrics;
using TorchSharp;

namespace Pipeline.Tests.Metrics;

public sealed class BinaryCrossEntropyTests
{
    [Fact]
    public void Hand_checked_mean()
    {
        // -(ln 0.9 + ln(1 - 0.2)) / 2 = (0.105360516 + 0.223143551) / 2 = 0.164252033
        Assert.Equal(0.164252033, BinaryCrossEntropy.Mean([0.9f, 0.2f], [1, 0]), 1e-7);
    }

    [Fact]
    public void Certain_mistakes_cost_one_hundred_not_infinity()
    {
        // p=0 for a positive: -ln 0 clamped to 100; p=1 for a negative: -ln(1-1) clamped to 100;
        // p=1 for a positive and p=0 for a negative cost 0 (the other term's clamped -100 is weighted by 0).
        Assert.Equal(100.0, BinaryCrossEntropy.Mean([0f], [1]));
        Assert.Equal(100.0, BinaryCrossEntropy.Mean([1f], [0]));
        Assert.Equal(50.0, BinaryCrossEntropy.Mean([0f, 1f, 1f, 0f], [1, 1, 0, 0]));
    }

    [Fact]
    public void Soft_labels_weigh_both_terms()
    {
        // -(0.25 ln 0.5 + 0.75 ln 0.5) = ln 2
        Assert.Equal(Math.Log(2), BinaryCrossEntropy.Mean([0.5f], [0.25f]), 1e-15);
    }

    [Fact]
    public void Equals_torch_binary_cross_entropy()
    {
        var random = new Random(7);
        var count = 1000;
        var p = new float[count];
        var y = new float[count];
        for (var i = 0; i < count; i++)
        {
            // Include exact 0 and 1 so the clamp is compared too.
            p[i] = (i % 50) switch { 0 => 0f, 1 => 1f, _ => (float)random.NextDouble() };
            y[i] = random.Next(2);
        }

        using var scope = torch.NewDisposeScope();
        // float64 tensors of the same float32 values, so only the formula is compared, not float32 rounding.
        var expected = torch.nn.functional.binary_cross_entropy(
            torch.tensor(p.Select(v => (double)v).ToArray()), torch.tensor(y.Select(v => (double)v).ToArray())).item<double>();

        Assert.Equal(expected, BinaryCrossEntropy.Mean(p, y), 1e-12);
    }

    [Fact]
    public void Out_of_range_input_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Mean([1.5f], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Mean([float.NaN], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Mean([0.5f], [-1]));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Mean([0.5f], []));
    }

    [Fact]
    public void Empty_is_nan_like_torch()
    {
        Assert.True(double.IsNaN(BinaryCrossEntropy.Mean([], [])));
    }
}
