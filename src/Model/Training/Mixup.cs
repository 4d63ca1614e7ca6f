using Pipeline.Shared;
using Pipeline.Shared.Random;

namespace Pipeline.Model.Training;

/// <summary>
/// Mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization") on waveforms, as PANNs trains its taggers
/// (Kong et al. 2020; qiuqiangkong/audioset_tagging_cnn pytorch/pytorch_utils.py `do_mixup`, utils/utilities.py
/// `Mixup`): each example becomes lambda * itself + (1 - lambda) * a partner from the same batch, lambda ~ Beta(alpha,
/// alpha), and its labels the same mixture of the two label vectors. Row i's partner is row Count-1-i (the batch is
/// already shuffled); an odd batch's middle row stays as it is. The draws depend only on the seed and the step, so a
/// resumed run mixes exactly as the uninterrupted one.
/// </summary>
public sealed record Mixup(double Alpha)
{
    public static Mixup Off { get; } = new(0);

    public bool Enabled => Alpha > 0;

    public Batch Apply(Batch batch, int seed, long step)
    {
        if (!Enabled || batch.Count < 2)
            return batch;
        var random = Seeds.Random(SeedStream.Mixup, seed, step);
        var (rows, length, tags) = (batch.Count, batch.WindowSamples, batch.TagCount);
        var samples = new float[batch.Samples.Length];
        var labels = new float[batch.Labels.Length];
        for (var row = 0; row < rows; row++)
        {
            var partner = rows - 1 - row;
            var lambda = partner == row ? 1f : (float)Beta(random, Alpha);
            Mix(batch.Samples, samples, row, partner, length, lambda);
            Mix(batch.Labels, labels, row, partner, tags, lambda);
        }
        return batch with { Samples = samples, Labels = labels };
    }

    private static void Mix(float[] source, float[] target, int row, int partner, int width, float lambda)
    {
        var (own, other) = (row * width, partner * width);
        for (var i = 0; i < width; i++)
            target[own + i] = lambda * source[own + i] + (1 - lambda) * source[other + i];
    }

    /// <summary>Beta(a, a) as X / (X + Y) of two Gamma(a) draws.</summary>
    public static double Beta(Random random, double a)
    {
        var x = Gamma(random, a);
        var y = Gamma(random, a);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /// <summary>Marsaglia and Tsang's Gamma(a, 1) sampler; below a = 1 through Gamma(a + 1) * U^(1/a).</summary>
    private static double Gamma(Random random, double a)
    {
        if (a < 1)
            return Gamma(random, a + 1) * Math.Pow(1 - random.NextDouble(), 1 / a);
        var d = a - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
