using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Squeeze-and-excitation (Hu et al. 2018) on a 1-D feature map: average over time, a bottleneck of channels /
/// reduction, and a sigmoid gate that rescales each channel.
/// </summary>
public sealed class SqueezeExcitation : Module<Tensor, Tensor>
{
    private readonly Linear squeeze;
    private readonly Linear excite;

    public SqueezeExcitation(int channels, int reduction) : base(nameof(SqueezeExcitation))
    {
        var bottleneck = Math.Max(1, channels / reduction);
        squeeze = Linear(channels, bottleneck);
        excite = Linear(bottleneck, channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var gate = functional.sigmoid(excite.call(functional.relu(squeeze.call(features.mean([-1])))));
        return (features * gate.unsqueeze(-1)).MoveToOuterDisposeScope();
    }
}
