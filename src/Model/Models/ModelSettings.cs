namespace Pipeline.Model.Models;

public enum Architecture
{
    /// <summary>Lee et al. 2017, sample-level CNN.</summary>
    SampleCnn,
    /// <summary>Kim, Lee, Nam 2018: squeeze-and-excitation blocks and multi-level global max-pooling.</summary>
    SampleCnnSe,
    /// <summary>A four-layer perceptron on the raw segment, the simplest reference.</summary>
    Mlp,
}

/// <summary>
/// The model's shape. SampleCNN m^n: filter and pool size m (<see cref="FilterSize"/>), n blocks (<see cref="Depth"/>),
/// input m^(n+1) samples; the 3^9 model of Lee et al. takes 59,049 samples.
/// </summary>
public sealed record ModelSettings(
    Architecture Architecture,
    int FilterSize,
    int Depth,
    int StemChannels,
    IReadOnlyList<int> BlockChannels,
    int HeadChannels,
    double Dropout,
    int SeReduction,
    int MultiLevelBlocks,
    IReadOnlyList<int> MlpHidden)
{
    public static ModelSettings SampleCnn39 { get; } = new(
        Architecture.SampleCnn, 3, 9, 128, [128, 128, 256, 256, 256, 256, 256, 256, 512], 512, 0.5, 16, 3, [512, 256, 128]);

    /// <summary>The input length the convolutional models need: m^(n+1).</summary>
    public int InputSamples => checked((int)Math.Pow(FilterSize, Depth + 1));
}
