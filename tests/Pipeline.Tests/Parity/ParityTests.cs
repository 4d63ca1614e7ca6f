using System.Text.Json;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Tests.Model;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Parity;

/// <summary>
/// Our models against PyTorch references written from the papers' code (Parity/reference_models.py) and Won et al.'s
/// code (Parity/won2020_models.py): eval-mode outputs and the weights after one SGD step agree within 1e-5 of scale.
/// </summary>
public sealed class ParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;
    private const int Tags = 50;

    /// <summary>The 3^9 structure (59,049 samples) at an eighth of the widths: the same code paths, seconds not minutes.</summary>
    private static readonly ModelSettings Narrow39 = TestSettings.Defaults.Model with
    {
        StemChannels = 16, BlockChannels = [16, 16, 32, 32, 32, 32, 32, 32, 64], HeadChannels = 64,
    };

    private static int[] Won2020Widths(ModelSettings s) => [s.StemChannels, .. s.BlockChannels, s.HeadChannels];

    private void AssertParity(ParityResult result)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.Logits < Tolerance, result.ToString());
        Assert.True(result.Probabilities < Tolerance, result.ToString());
        Assert.True(result.Loss < Tolerance, result.ToString());
        Assert.True(result.Weights < Tolerance, result.ToString());
    }

    private static object LeeArguments(ModelSettings s, int tags) => new
    {
        m = s.FilterSize, n = s.Depth, stride = s.StemStride, stem = s.StemChannels, blocks = s.BlockChannels,
        head = s.HeadChannels, dropout = s.Dropout, tags, eps = s.BatchNormEpsilon, momentum = s.BatchNormMomentum,
    };

    private static object KimArguments(string block, ModelSettings s, int tags) => new
    {
        block, m = s.FilterSize, n = s.Depth, stride = s.StemStride, stem = s.StemChannels, blocks = s.BlockChannels,
        ratio = s.SeAmplification, block_dropout = s.BlockDropout, levels = s.MultiLevelBlocks, dropout = s.Dropout, tags,
        eps = s.BatchNormEpsilon, momentum = s.BatchNormMomentum,
    };

    [Fact]
    public void The_3_9_SampleCNN_matches_its_PyTorch_reference() =>
        AssertParity(ParityHarness.Run(Narrow39, Tags, Layout.Native, "lee2017", LeeArguments(Narrow39, Tags)));

    [Theory]
    [InlineData(2, 6, 256)]
    [InlineData(4, 5, 64)]
    public void An_even_m_SampleCNN_pads_like_PyTorchs_same_and_matches(int m, int n, int stride)
    {
        var settings = LeeTable2.Settings(m, n, stride) with { StemChannels = 16, BlockChannels = [.. Enumerable.Repeat(16, n - 1), 32], HeadChannels = 32 };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Native, "lee2017", LeeArguments(settings, Tags)));
    }

    [Fact]
    public void Kim_SE_SampleCNN_matches_its_PyTorch_reference()
    {
        var settings = Narrow39 with { Architecture = Architecture.SampleCnnSe };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Native, "kim2018", KimArguments("se", settings, Tags)));
    }

    [Fact]
    public void Kim_ReSE_SampleCNN_matches_its_PyTorch_reference()
    {
        var settings = Narrow39 with { Architecture = Architecture.SampleCnnReSe };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Native, "kim2018", KimArguments("rese", settings, Tags)));
    }

    [Fact]
    public void The_MLP_matches_its_PyTorch_reference()
    {
        var settings = Narrow39 with { Architecture = Architecture.Mlp, Depth = 6 };
        var arguments = new { samples = settings.InputSamples, hidden = settings.MlpHidden, dropout = settings.Dropout, tags = Tags };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Native, "mlp", arguments, batch: 4));
    }

    [Fact]
    public void Won2020_SampleCNN_reproduces_minzwons_model_in_its_own_key_layout()
    {
        var settings = Narrow39 with { Architecture = Architecture.Won2020SampleCnn };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Minzwon, "won2020-sample-cnn", new { n_class = Tags, widths = Won2020Widths(settings) }));
    }

    [Fact]
    public void Won2020_SampleCNNSE_reproduces_minzwons_model_in_its_own_key_layout()
    {
        var settings = Narrow39 with { Architecture = Architecture.Won2020SampleCnnSe };
        AssertParity(ParityHarness.Run(settings, Tags, Layout.Minzwon, "won2020-sample-cnn-se", new { n_class = Tags, widths = Won2020Widths(settings) }));
    }

    [Fact]
    public void Every_Table_2_model_has_as_many_parameters_as_its_PyTorch_reference()
    {
        using var dir = new TempDirectory("parity-count");
        var settings = LeeTable2.Configurations.Select(c => LeeTable2.Settings(c.M, c.N, c.Stride)).ToList();
        var spec = dir.File("count.json");
        File.WriteAllText(spec, JsonSerializer.Serialize(new
        {
            mode = "count",
            models = settings.Select(s => new { model = "lee2017", args = LeeArguments(s, Tags) }),
        }));

        var theirs = JsonSerializer.Deserialize<long[]>(Python.RunFile(ParityHarness.Script("parity_step.py"), spec))!;

        var ours = settings.Select(s =>
        {
            using var model = ModelFactory.Create(s, s.InputSamples, Tags);
            return ModelFactory.ParameterCount(model);
        }).ToArray();
        foreach (var (configuration, count) in LeeTable2.Configurations.Zip(ours))
            output.WriteLine($"{configuration}: {count:N0}");
        Assert.Equal(theirs, ours);
    }
}
