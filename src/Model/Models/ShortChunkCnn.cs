using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Won et al. 2020's short-chunk CNN and short-chunk ResNet (minzwon/sota-music-tagging-models training/model.py
/// `ShortChunkCNN`, `ShortChunkCNN_Res`; modules.py `Conv_2d`, `Res_2d`): a log-mel spectrogram of the window
/// (<see cref="LogMelSpectrogram"/>), batch norm on it (their spec_bn), 2-D blocks that each halve frequency and time
/// (3x3 convolution, BN, ReLU, 2x2 max-pool; or <see cref="ResidualBlock2d"/>), the maximum over the frames left once
/// the frequency axis is down to 1, then dense, BN, ReLU, dropout, dense. Their widths are 128 x [1, 1, 2, 2, 2, 2, 4]
/// over seven blocks and a 512-wide dense layer. Returns logits where the reference ends in a sigmoid.
/// </summary>
public sealed class ShortChunkCnn : Module<Tensor, Tensor>
{
    private readonly LogMelSpectrogram mel;
    [ComponentName(Name = "mel_bn")] private readonly BatchNorm2d melNorm;
    private readonly Sequential blocks;
    private readonly Sequential classifier;

    public ShortChunkCnn(ModelSettings settings, int tags) : base(nameof(ShortChunkCnn))
    {
        var norm = settings.Norm;
        mel = new LogMelSpectrogram(settings.Mel ?? throw new ArgumentException($"{settings.Architecture} needs the mel settings", nameof(settings)));
        melNorm = norm.Create2d(1);
        blocks = Sequential(Layers.Chain(1, settings.BlockChannels, settings.Architecture == Architecture.Won2020ShortChunkResNet
            ? (i, o) => new ResidualBlock2d(i, o, norm)
            : (i, o) => Layers2d.ConvBlock(i, o, norm)));
        classifier = Sequential(
            ("fc", Autocast.Linear(settings.BlockChannels[^1], settings.HeadChannels)),
            ("bn", norm.Create(settings.HeadChannels)),
            ("relu", ReLU()),
            ("dropout", Dropout(settings.Dropout)),
            ("out", Autocast.Linear(settings.HeadChannels, tags)));
        RegisterComponents();
    }

    /// <summary>A length (bands or frames) after one block of <paramref name="architecture"/>.</summary>
    public static int Halve(Architecture architecture, int length) => Layers2d.Halve(architecture, length);

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var x = blocks.call(melNorm.call(mel.call(waveform).unsqueeze(1))); // [batch, channels, 1, frames]
        x = x.squeeze(2);
        if (x.shape[^1] != 1)
            x = functional.max_pool1d(x, x.shape[^1]); // their global max-pool (nn.MaxPool1d over the frames)
        return classifier.call(x.squeeze(2)).MoveToOuterDisposeScope();
    }
}
