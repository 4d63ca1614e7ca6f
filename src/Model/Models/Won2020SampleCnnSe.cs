using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Won et al. 2020's SampleCNNSE (minzwon/sota-music-tagging-models training/model.py `SampleCNNSE`): every layer is a
/// `ResSE_1d` block (modules.py), the first one strided (stride m, no pool), n pooling blocks, then a kernel-1 block
/// (layer11), and a head of dense, BN, ReLU, dropout, dense (dense1 / bn / dense2). No multi-level aggregation.
/// Returns logits where the reference ends in a sigmoid.
/// </summary>
public sealed class Won2020SampleCnnSe : Module<Tensor, Tensor>
{
    private readonly ResidualSeBlock stem;
    private readonly Sequential blocks;
    private readonly ResidualSeBlock head;
    private readonly Sequential classifier;

    public Won2020SampleCnnSe(ModelSettings settings, int tags) : base(nameof(Won2020SampleCnnSe))
    {
        var (m, norm) = (settings.FilterSize, settings.Norm);
        stem = new ResidualSeBlock(1, settings.StemChannels, ResidualSeShape.Won2020(settings.Stride, settings.Stride, pool: 1), norm);
        blocks = Sequential(Layers.Chain(settings.StemChannels, settings.BlockChannels,
            (i, o) => new ResidualSeBlock(i, o, ResidualSeShape.Won2020(m, stride: 1, pool: m), norm)));
        head = new ResidualSeBlock(settings.BlockChannels[^1], settings.HeadChannels, ResidualSeShape.Won2020(1, stride: 1, pool: 1), norm);
        classifier = Sequential(
            ("fc", Autocast.Linear(settings.HeadChannels, settings.HeadChannels)),
            ("bn", norm.Create(settings.HeadChannels)),
            ("relu", ReLU()),
            ("dropout", Dropout(settings.Dropout)),
            ("out", Autocast.Linear(settings.HeadChannels, tags)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor waveform)
    {
        var features = head.call(blocks.call(stem.call(waveform))); // [batch, channels, 1]
        return classifier.call(features.flatten(1));
    }
}
