namespace Pipeline.Model.Models;

public enum Architecture
{
    /// <summary>Lee et al. 2017, sample-level CNN (every m^n model of their Table 2).</summary>
    SampleCnn,
    /// <summary>Kim, Lee, Nam 2018: SampleCNN blocks followed by a squeeze-and-excitation gate, multi-level head.</summary>
    SampleCnnSe,
    /// <summary>Kim, Lee, Nam 2018: residual blocks with squeeze-and-excitation (ReSE), multi-level head; their best.</summary>
    SampleCnnReSe,
    /// <summary>Won et al. 2020 (minzwon/sota-music-tagging-models): SampleCNN whose strided first layer pads.</summary>
    Won2020SampleCnn,
    /// <summary>Won et al. 2020: their SampleCNNSE (residual SE blocks everywhere, a 512-wide head).</summary>
    Won2020SampleCnnSe,
    /// <summary>Won et al. 2020: their short-chunk CNN (3x3 convolutions and 2x2 max-pools on a log-mel spectrogram).</summary>
    Won2020ShortChunkCnn,
    /// <summary>Won et al. 2020: their short-chunk ResNet (residual blocks of stride 2 on a log-mel spectrogram); their best.</summary>
    Won2020ShortChunkResNet,
    /// <summary>A four-layer perceptron on the raw window, the simplest reference.</summary>
    Mlp,
}

/// <summary>
/// The model's shape. SampleCNN m^n: a first convolution whose filter length and stride is <see cref="StemStride"/>
/// (Lee et al.'s "filter length &amp; stride"), then n blocks (<see cref="Depth"/>) of filter and pool size m
/// (<see cref="FilterSize"/>); the input is StemStride x m^n samples. The 3^9 model of Lee et al. has stride 3 and
/// takes 59,049 samples.
/// </summary>
public sealed record ModelSettings(
    Architecture Architecture,
    int FilterSize,
    int Depth,
    int StemStride,
    int StemChannels,
    IReadOnlyList<int> BlockChannels,
    int HeadChannels,
    double Dropout,
    int SeAmplification,
    double BlockDropout,
    int MultiLevelBlocks,
    IReadOnlyList<int> MlpHidden,
    double BatchNormEpsilon,
    double BatchNormMomentum,
    MelSettings? Mel)
{

    /// <summary>
    /// The first convolution's stride. Checkpoints written before the setting existed carry 0: their stride was m.
    /// </summary>
    public int Stride => StemStride > 0 ? StemStride : FilterSize;

    /// <summary>The input length the convolutional models need: stride x m^n.</summary>
    public int InputSamples => checked(Stride * (int)Math.Pow(FilterSize, Depth));

    /// <summary>
    /// The batch norm settings: the configured ones, except for Won et al.'s models, whose code runs PyTorch's defaults.
    /// Checkpoints written before the settings existed carry 0 and were trained with PyTorch's defaults.
    /// </summary>
    public Norm Norm => IsWon2020 || BatchNormEpsilon <= 0 ? Norm.PyTorch : new Norm(BatchNormEpsilon, BatchNormMomentum);

    /// <summary>Whether the architecture is one of Won et al.'s (their PyTorch code, their key layout, PyTorch's batch norm).</summary>
    public bool IsWon2020 => Architecture is Architecture.Won2020SampleCnn or Architecture.Won2020SampleCnnSe || IsMel;

    /// <summary>Whether the model computes a log-mel spectrogram from the window first (<see cref="Mel"/> says how).</summary>
    public bool IsMel => Architecture is Architecture.Won2020ShortChunkCnn or Architecture.Won2020ShortChunkResNet;
}

/// <summary>
/// The log-mel front end of the mel models, torchaudio's MelSpectrogram + AmplitudeToDB as Won et al. configure it
/// (minzwon/sota-music-tagging-models training/model.py ShortChunkCNN: sample_rate 16000, n_fft 512, f_min 0, f_max
/// 8000, n_mels 128; hop_length, window and power are torchaudio's defaults: n_fft / 2, a periodic Hann window of
/// n_fft samples, the power spectrum). Checkpoints of the SampleCNN models written before it existed carry null.
/// </summary>
public sealed record MelSettings(int SampleRate, int FftSize, int HopLength, double MinFrequency, double MaxFrequency, int Bands)
{
    /// <summary>One-sided STFT bins: n_fft / 2 + 1.</summary>
    public int Frequencies => FftSize / 2 + 1;

    /// <summary>Frames of a window of <paramref name="samples"/>: the STFT centres frames on every hop (reflect-padded).</summary>
    public int Frames(int samples) => 1 + samples / HopLength;
}
