using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Squeeze-and-excitation on a 1-D feature map: the mean over time, a dense layer of <c>hidden</c> units with ReLU,
/// a dense layer back to the channels with a sigmoid, and each channel scaled by its gate. Kim et al. amplify
/// (hidden = 16 x channels, tae-jun/resemul model.py:7-13 `se_fn`, `amplifying_ratio = 16` at :54); Won et al. keep
/// hidden = channels (minzwon/sota-music-tagging-models training/modules.py `ResSE_1d`, dense1 / dense2).
/// </summary>
public sealed class SqueezeExcitation : Module<Tensor, Tensor>
{
    private readonly AutocastLinear fc1;
    private readonly AutocastLinear fc2;

    public SqueezeExcitation(int channels, int hidden) : base(nameof(SqueezeExcitation))
    {
        fc1 = Autocast.Linear(channels, hidden);
        fc2 = Autocast.Linear(hidden, channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var gate = functional.sigmoid(fc2.call(functional.relu(fc1.call(features.mean([-1])))));
        return (features * gate.unsqueeze(-1)).MoveToOuterDisposeScope();
    }
}
