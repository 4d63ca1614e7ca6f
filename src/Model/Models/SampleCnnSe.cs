using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Kim, Lee, Nam 2018, "Sample-level CNN architectures for music auto-tagging using raw waveforms": SampleCNN with
/// squeeze-and-excitation in every block, and multi-level feature aggregation: the outputs of the last few blocks are
/// max-pooled over time, concatenated, and classified by a small fully connected head. Returns logits.
/// </summary>
public sealed class SampleCnnSe : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly ModuleList<Module<Tensor, Tensor>> blocks;
    private readonly Sequential classifier;
    private readonly int aggregatedBlocks;

    public SampleCnnSe(ModelSettings settings, int tags) : base(nameof(SampleCnnSe))
    {
        var m = settings.FilterSize;
        aggregatedBlocks = Math.Min(settings.MultiLevelBlocks, settings.BlockChannels.Count);
        stem = Sequential(
            ("conv", Conv1d(1, settings.StemChannels, m, stride: m)),
            ("bn", BatchNorm1d(settings.StemChannels)),
            ("relu", ReLU()));
        blocks = new ModuleList<Module<Tensor, Tensor>>(
            Blocks.Chain(settings.StemChannels, settings.BlockChannels, m, settings.SeReduction).Select(b => b.Item2).ToArray());
        var aggregatedChannels = settings.BlockChannels.TakeLast(aggregatedBlocks).Sum();
        classifier = Sequential(
            ("fc", Linear(aggregatedChannels, settings.HeadChannels)),
            ("bn", BatchNorm1d(settings.HeadChannels)),
            ("relu", ReLU()),
            ("dropout", Dropout(settings.Dropout)),
            ("out", Linear(settings.HeadChannels, tags)));
        RegisterComponents();
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
