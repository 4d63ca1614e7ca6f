using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>The sample-level block shared by the SampleCNN variants: convolution, batch norm, ReLU, (SE,) max-pool.</summary>
internal static class Blocks
{
    public static Sequential Block(int inChannels, int outChannels, int m, int seReduction)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv", Conv1d(inChannels, outChannels, m, padding: (m - 1) / 2)),
            ("bn", BatchNorm1d(outChannels)),
            ("relu", ReLU()),
        };
        if (seReduction > 0)
            layers.Add(("se", new SqueezeExcitation(outChannels, seReduction)));
        layers.Add(("pool", MaxPool1d(m)));
        return Sequential(layers);
    }

    /// <summary>Blocks named block1..blockN, each taking the previous one's channels.</summary>
    public static IEnumerable<(string, Module<Tensor, Tensor>)> Chain(int inChannels, IReadOnlyList<int> channels, int m, int withSqueezeExcitation)
    {
        var previous = inChannels;
        for (var i = 0; i < channels.Count; i++)
        {
            yield return ($"block{i + 1}", Block(previous, channels[i], m, withSqueezeExcitation));
            previous = channels[i];
        }
    }
}
