using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Lee et al. 2017, "Sample-level deep CNNs for music auto-tagging using raw waveforms": a strided convolution, n
/// blocks of convolution + batch norm + ReLU + max-pool (each divides the length by m), a 1x1 convolution, dropout
/// and a linear layer. Returns logits; train with BCE-with-logits and apply a sigmoid for tag probabilities.
/// </summary>
public sealed class SampleCnn : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential blocks;
    private readonly Sequential head;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public SampleCnn(ModelSettings settings, int tags) : base(nameof(SampleCnn))
    {
        var m = settings.FilterSize;
        stem = Sequential(
            ("conv", Conv1d(1, settings.StemChannels, m, stride: m)),
            ("bn", BatchNorm1d(settings.StemChannels)),
            ("relu", ReLU()));
        blocks = Sequential(Blocks.Chain(settings.StemChannels, settings.BlockChannels, m, withSqueezeExcitation: 0));
        head = Sequential(
            ("conv", Conv1d(settings.BlockChannels[^1], settings.HeadChannels, 1)),
            ("bn", BatchNorm1d(settings.HeadChannels)),
            ("relu", ReLU()));
        dropout = Dropout(settings.Dropout);
        classifier = Linear(settings.HeadChannels, tags);
        RegisterComponents();
    }

    public override Tensor forward(Tensor waveform)
    {
        var features = head.call(blocks.call(stem.call(waveform))); // [batch, channels, 1]
        return classifier.call(dropout.call(features.flatten(1)));
    }
}
