using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Kim, Lee, Nam 2018, "Sample-level CNN architectures for music auto-tagging using raw waveforms", as tae-jun/resemul
/// model.py:54-110 builds it: the strided first convolution ('valid', :86-89), n blocks, and multi-level aggregation:
/// the last blocks' outputs max-pooled over time and concatenated (:98-99), a dense layer as wide as that
/// concatenation (:103, 1,024 for 3^9), BN, ReLU, dropout (:104-108) and the output layer (:109). The blocks are SE
/// blocks (a basic block, then the gate on its pooled output, :25-28) or ReSE blocks (:31-51). Returns logits.
/// </summary>
public sealed class SampleCnnSe : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential blocks;
    private readonly Sequential classifier;
    private readonly int aggregatedBlocks;

    public SampleCnnSe(ModelSettings settings, int tags) : base(nameof(SampleCnnSe))
    {
        var m = settings.FilterSize;
        aggregatedBlocks = Math.Min(settings.MultiLevelBlocks, settings.BlockChannels.Count);
        var norm = settings.Norm;
        stem = Layers.Stem(settings.StemChannels, settings.Stride, padding: 0, norm);
        Func<int, int, Module<Tensor, Tensor>> block = settings.Architecture == Architecture.SampleCnnReSe
            ? (i, o) => new ResidualSeBlock(i, o, ResidualSeShape.Kim2018(m, settings.SeAmplification, settings.BlockDropout), norm)
            : (i, o) => SeBlock(i, o, m, settings.SeAmplification, norm);
        blocks = Sequential(Layers.Chain(settings.StemChannels, settings.BlockChannels, block));
        var aggregated = settings.BlockChannels.TakeLast(aggregatedBlocks).Sum();
        classifier = Sequential(
            ("fc", Autocast.Linear(aggregated, aggregated)),
            ("bn", norm.Create(aggregated)),
            ("relu", ReLU()),
            ("dropout", Dropout(settings.Dropout)),
            ("out", Autocast.Linear(aggregated, tags)));
        RegisterComponents();
        KerasInitialization.Apply(this);
    }

    private static Sequential SeBlock(int inChannels, int outChannels, int m, int amplification, Norm norm)
    {
        var layers = Layers.BasicBlock(inChannels, outChannels, m, norm);
        layers.Add(("se", new SqueezeExcitation(outChannels, outChannels * amplification)));
        return Sequential(layers);
    }

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var x = stem.call(waveform);
        var levels = new List<Tensor>();
        for (var i = 0; i < blocks.Count; i++)
        {
            x = blocks[i].call(x);
            if (i >= blocks.Count - aggregatedBlocks)
                levels.Add(x.amax([-1]));
        }
        return classifier.call(cat(levels, 1)).MoveToOuterDisposeScope();
    }
}
