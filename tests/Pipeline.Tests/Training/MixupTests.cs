using Pipeline.Host.Configuration;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;

namespace Pipeline.Tests.Training;

public sealed class MixupTests
{
    private static Batch Batch(int rows, int samples, int tags, int seed)
    {
        var random = new Random(seed);
        var audio = Enumerable.Range(0, rows * samples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var labels = Enumerable.Range(0, rows * tags).Select(i => i % tags == i / tags % tags ? 1f : 0f).ToArray();
        return new Batch(rows, samples, tags, audio, labels, [.. Enumerable.Range(0, rows).Select(row => new WindowRow(row, 0))]);
    }

    [Fact]
    public void Off_leaves_the_batch_as_it_is()
    {
        var batch = Batch(4, 10, 3, 1);
        Assert.Same(batch, Mixup.Off.Apply(batch, seed: 1, step: 0));
        Assert.Same(batch, PipelineSettings.Load(null, []).Training.Mixup.Apply(batch, 1, 0));
    }

    [Fact]
    public void Each_row_is_the_same_convex_mixture_of_itself_and_its_mirror_row_in_samples_and_labels()
    {
        var (rows, samples, tags) = (5, 64, 5);
        var batch = Batch(rows, samples, tags, 2);
        var mixed = new Mixup(1.0).Apply(batch, seed: 7, step: 3);
        Assert.Equal(batch.Clips, mixed.Clips);
        for (var row = 0; row < rows; row++)
        {
            var partner = rows - 1 - row;
            if (partner == row)
            {
                Assert.Equal(batch.Samples.AsSpan(row * samples, samples).ToArray(), mixed.Samples.AsSpan(row * samples, samples).ToArray());
                continue;
            }
            // Row r's labels are one-hot at r, so the mixture's label r is lambda itself.
            var lambda = mixed.Labels[row * tags + row];
            Assert.InRange(lambda, 0f, 1f);
            Assert.Equal(1 - lambda, mixed.Labels[row * tags + partner], 5);
            for (var i = 0; i < samples; i++)
                Assert.Equal(lambda * batch.Samples[row * samples + i] + (1 - lambda) * batch.Samples[partner * samples + i], mixed.Samples[row * samples + i], 5);
        }
    }

    [Fact]
    public void The_draws_depend_on_the_seed_and_step_only()
    {
        var batch = Batch(6, 32, 6, 3);
        var mixup = new Mixup(0.4);
        Assert.Equal(mixup.Apply(batch, 5, 10).Samples, mixup.Apply(batch, 5, 10).Samples);
        Assert.NotEqual(mixup.Apply(batch, 5, 10).Samples, mixup.Apply(batch, 5, 11).Samples);
        Assert.NotEqual(mixup.Apply(batch, 5, 10).Samples, mixup.Apply(batch, 6, 10).Samples);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Lambda_follows_beta_alpha_alpha_in_mean_and_variance(double alpha)
    {
        var random = new Random(11);
        var draws = Enumerable.Range(0, 40_000).Select(_ => Mixup.Beta(random, alpha)).ToArray();
        var mean = draws.Average();
        var variance = draws.Select(x => (x - mean) * (x - mean)).Average();
        Assert.All(draws, x => Assert.InRange(x, 0, 1));
        Assert.InRange(mean, 0.49, 0.51);
        var expected = 1 / (4 * (2 * alpha + 1));
        Assert.InRange(variance, expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void The_setting_is_read_and_a_negative_alpha_names_the_key()
    {
        Assert.Equal(0.4, PipelineSettings.Load(null, ["pipeline.training.mixup-alpha=0.4"]).Training.Mixup.Alpha);
        var error = Assert.Throws<ConfigurationException>(() => PipelineSettings.Load(null, ["pipeline.training.mixup-alpha=-1"]));
        Assert.Contains("pipeline.training.mixup-alpha", error.Message);
    }
}
