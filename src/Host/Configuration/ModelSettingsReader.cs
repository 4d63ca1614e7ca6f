using System.Globalization;
using Pipeline.Model.Models;

namespace Pipeline.Host.Configuration;

/// <summary>Reads and validates pipeline.model (and its fit with pipeline.provider.window-samples).</summary>
public static class ModelSettingsReader
{
    /// <summary>The architecture names of the configuration and of `model import --architecture`.</summary>
    public static IReadOnlyDictionary<string, Architecture> Architectures { get; } = new Dictionary<string, Architecture>
    {
        ["sample-cnn"] = Architecture.SampleCnn,
        ["sample-cnn-se"] = Architecture.SampleCnnSe,
        ["sample-cnn-rese"] = Architecture.SampleCnnReSe,
        ["won2020-sample-cnn"] = Architecture.Won2020SampleCnn,
        ["won2020-sample-cnn-se"] = Architecture.Won2020SampleCnnSe,
        ["mlp"] = Architecture.Mlp,
    };

    public static string NameOf(Architecture architecture) => Architectures.First(a => a.Value == architecture).Key;

    public static ModelSettings Read(SettingsReader r)
    {
        var settings = new ModelSettings(
            Architecture: r.Choice("pipeline.model.architecture", Architectures),
            FilterSize: r.Int("pipeline.model.filter-size", min: 2, max: 9),
            Depth: r.Int("pipeline.model.depth", min: 1, max: 20),
            StemStride: r.Int("pipeline.model.stem-stride", min: 1, max: 65_536),
            StemChannels: r.Int("pipeline.model.stem-channels", min: 1, max: 4_096),
            BlockChannels: r.IntList("pipeline.model.block-channels", minCount: 1, minValue: 1, maxValue: 4_096),
            HeadChannels: r.Int("pipeline.model.head-channels", min: 1, max: 8_192),
            Dropout: r.Double("pipeline.model.dropout", 0, 0.99),
            SeAmplification: r.Int("pipeline.model.se-amplification", min: 1, max: 64),
            BlockDropout: r.Double("pipeline.model.block-dropout", 0, 0.99),
            MultiLevelBlocks: r.Int("pipeline.model.multi-level-blocks", min: 1, max: 20),
            MlpHidden: r.IntList("pipeline.model.mlp-hidden", minCount: 1, minValue: 1, maxValue: 65_536),
            BatchNormEpsilon: r.Double("pipeline.model.batch-norm-epsilon", 1e-12, 1),
            BatchNormMomentum: r.Double("pipeline.model.batch-norm-momentum", 1e-6, 1));
        if (settings.Architecture != Architecture.Mlp)
            CheckConvolutionalShape(r, settings);
        return settings;
    }

    private static void CheckConvolutionalShape(SettingsReader r, ModelSettings settings)
    {
        var (m, n, stride) = (settings.FilterSize, settings.Depth, settings.StemStride);
        if (settings.BlockChannels.Count != n)
            throw r.Problem("pipeline.model.block-channels", $"[{string.Join(", ", settings.BlockChannels)}]",
                $"must have one entry per block: pipeline.model.depth is {n}");
        if (settings.IsWon2020 && (m % 2 == 0 || stride % 2 == 0))
        {
            var key = m % 2 == 0 ? "pipeline.model.filter-size" : "pipeline.model.stem-stride";
            throw r.Problem(key, Text(m % 2 == 0 ? m : stride),
                $"{NameOf(settings.Architecture)} pads every layer by kernel / 2 as Won et al.'s code does, which keeps lengths only for odd sizes");
        }

        var window = r.Int("pipeline.provider.window-samples");
        var needed = stride * Math.Pow(m, n);
        if (needed != window)
        {
            var formula = stride == m ? $"{m}^{n + 1}" : $"{stride} x {m}^{n}";
            throw r.Problem("pipeline.provider.window-samples", Text(window),
                $"a {m}^{n} SampleCNN with stem stride {stride} needs {formula} = {needed:F0} samples " +
                "(or change pipeline.model.filter-size / depth / stem-stride)");
        }
        if (settings.Architecture is Architecture.SampleCnnSe or Architecture.SampleCnnReSe && settings.MultiLevelBlocks > n)
            throw r.Problem("pipeline.model.multi-level-blocks", Text(settings.MultiLevelBlocks),
                $"cannot exceed pipeline.model.depth ({n})");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
