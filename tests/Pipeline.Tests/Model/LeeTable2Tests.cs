using Pipeline.Model.Models;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

/// <summary>Every m^n model of Lee et al.'s Table 2, even m included, builds, keeps its lengths and trains a step.</summary>
public sealed class LeeTable2Tests(ITestOutputHelper output)
{
    private const int Tags = 50;

    public static IEnumerable<object[]> Rows => LeeTable2.Rows;

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_Table_2_model_maps_its_input_to_one_frame_and_trains_one_SGD_step(int m, int n, int stride)
    {
        var settings = LeeTable2.Settings(m, n, stride);
        using var model = ModelFactory.Create(settings, settings.InputSamples, Tags);

        var layers = ModelSummary.Trace(model, settings.InputSamples);
        Assert.Equal([1, 128, (long)Math.Pow(m, n)], layers.First(l => l.Name == "stem.conv").OutputShape);
        for (var block = 1; block <= n; block++)
            Assert.Equal((long)Math.Pow(m, n - block), layers.Last(l => l.Name == $"blocks.block{block}.pool").OutputShape[2]);

        var (before, after, loss) = OneStep(model, settings.InputSamples);
        Assert.True(float.IsFinite(loss), $"loss {loss}");
        Assert.False(after[^2].allclose(before[^2], 0, 0), "the output layer's weights move in one step");

        var parameters = ModelFactory.ParameterCount(model);
        Assert.Equal(ExpectedParameters(settings), parameters);
        output.WriteLine($"{m}^{n} s={stride} input {settings.InputSamples}: {parameters:N0} parameters, first-step loss {loss:F4}");
        foreach (var tensor in before.Concat(after))
            tensor.Dispose();
    }

    /// <summary>Counted from the architecture: conv k x in x out + bias, batch norm 2 x out, dense in x out + bias.</summary>
    private static long ExpectedParameters(ModelSettings s)
    {
        long Conv(long k, long i, long o) => k * i * o + o + 2 * o; // with its batch norm
        var total = Conv(s.Stride, 1, s.StemChannels);
        var previous = s.StemChannels;
        foreach (var width in s.BlockChannels)
        {
            total += Conv(s.FilterSize, previous, width);
            previous = width;
        }
        return total + Conv(1, previous, s.HeadChannels) + (long)s.HeadChannels * Tags + Tags;
    }

    private static (List<Tensor> Before, List<Tensor> After, float Loss) OneStep(nn.Module<Tensor, Tensor> model, int samples)
    {
        var generator = new Generator(7);
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        using var sgd = new Pipeline.Model.Training.SafeOptimisers.SGD(model.parameters(), 0.01, 0.9, weightDecay: 0, nesterov: true);
        float loss;
        using (var scope = NewDisposeScope())
        {
            model.train();
            var input = randn(2, 1, samples, generator: generator) * 0.1;
            var target = (rand(2, Tags, generator: generator) > 0.8).to_type(ScalarType.Float32);
            var value = nn.functional.binary_cross_entropy_with_logits(model.call(input), target);
            value.backward();
            sgd.step();
            loss = value.item<float>();
        }
        var after = model.parameters().Select(p => p.detach().clone()).ToList();
        return (before, after, loss);
    }
}
