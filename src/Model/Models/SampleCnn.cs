using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Lee et al. 2017, "Sample-level deep CNNs for music auto-tagging using raw waveforms": a strided convolution, n
/// blocks of 'same' convolution + batch norm + ReLU + max-pool (each divides the length by m), a 1x1 convolution,
/// dropout and a dense layer (tae-jun/sample-cnn sample_cnn/model.py:20-87). Also Won et al. 2020's SampleCNN
/// (minzwon/sota-music-tagging-models training/model.py `SampleCNN`, layer1..layer11 + dense), which differs only in
/// padding its strided first layer by kernel / 2 (modules.py `Conv_1d`: padding=shape//2 with stride 3).
/// Returns logits: both references end in a sigmoid, which here the loss (BCE-with-logits) or inference applies.
/// </summary>
public sealed class SampleCnn : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential blocks;
    private readonly Sequential head;
    private readonly Dropout dropout;
    private readonly AutocastLinear classifier;

    public SampleCnn(ModelSettings settings, int tags) : base(nameof(SampleCnn))
    {
        var m = settings.FilterSize;
        var stemPadding = settings.Architecture == Architecture.Won2020SampleCnn ? settings.Stride / 2 : 0;
        var norm = settings.Norm;
        stem = Layers.Stem(settings.StemChannels, settings.Stride, stemPadding, norm);
        blocks = Sequential(Layers.Chain(settings.StemChannels, settings.BlockChannels, (i, o) => Sequential(Layers.BasicBlock(i, o, m, norm))));
        head = Sequential(
            ("conv", Autocast.Conv1d(settings.BlockChannels[^1], settings.HeadChannels, 1)),
            ("bn", norm.Create(settings.HeadChannels)),
            ("relu", ReLU()));
        dropout = Dropout(settings.Dropout);
        classifier = Autocast.Linear(settings.HeadChannels, tags);
        RegisterComponents();
        if (settings.Architecture == Architecture.SampleCnn)
            KerasInitialization.Apply(this);
    }

    public override Tensor forward(Tensor waveform)
    {
        var features = head.call(blocks.call(stem.call(waveform))); // [batch, channels, 1]
        return classifier.call(dropout.call(features.flatten(1)));
    }
}
