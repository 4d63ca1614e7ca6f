using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Won et al.'s `Res_2d` as their short-chunk ResNet uses it (minzwon/sota-music-tagging-models training/modules.py,
/// shape 3, stride 2): conv 3x3 of stride 2, BN, ReLU, conv 3x3, BN, plus a shortcut of conv 3x3 of stride 2 and BN
/// (the stride changes the shape, so their block always has one), then ReLU. Padding 1: each block halves frequency
/// and time, rounding up. Names as ours elsewhere (conv1, bn1, ..., shortcut.conv); the minzwon key layout renames
/// them to conv_1, bn_1, ..., conv_3, bn_3.
/// </summary>
public sealed class ResidualBlock2d : Module<Tensor, Tensor>
{
    private const int Kernel = Layers2d.Kernel;
    private const int Stride = Layers2d.Halving;

    private readonly AutocastConv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly AutocastConv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential shortcut;

    public ResidualBlock2d(int inChannels, int outChannels, Norm norm) : base(nameof(ResidualBlock2d))
    {
        conv1 = Autocast.Conv2d(inChannels, outChannels, Kernel, stride: Stride, padding: Kernel / 2);
        bn1 = norm.Create2d(outChannels);
        conv2 = Autocast.Conv2d(outChannels, outChannels, Kernel, padding: Kernel / 2);
        bn2 = norm.Create2d(outChannels);
        shortcut = Sequential(
            ("conv", Autocast.Conv2d(inChannels, outChannels, Kernel, stride: Stride, padding: Kernel / 2)),
            ("bn", norm.Create2d(outChannels)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = bn2.call(conv2.call(functional.relu(bn1.call(conv1.call(input)))));
        return functional.relu(shortcut.call(input) + x).MoveToOuterDisposeScope();
    }
}
