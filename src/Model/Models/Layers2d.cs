using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// The 2-D layers of Won et al.'s short-chunk models (minzwon/sota-music-tagging-models training/modules.py), named as
/// our state dicts and `model summary` show them. Both blocks halve bands and frames: a max-pool rounds down, a
/// stride-2 convolution with padding 1 rounds up.
/// </summary>
internal static class Layers2d
{
    /// <summary>Their Conv_2d and Res_2d are built with the default shape 3 everywhere; padding 1 keeps the size.</summary>
    public const int Kernel = 3;
    public const int Halving = 2;

    /// <summary>`Conv_2d` with its defaults (shape 3, stride 1, padding 1) and pooling 2: conv, BN, ReLU, 2x2 max-pool.</summary>
    public static Sequential ConvBlock(int inChannels, int outChannels, Norm norm) => Sequential(
        ("conv", Autocast.Conv2d(inChannels, outChannels, Kernel, padding: Kernel / 2)),
        ("bn", norm.Create2d(outChannels)),
        ("relu", ReLU()),
        ("pool", MaxPool2d(Halving)));

    /// <summary>A length (bands or frames) after one block of <paramref name="architecture"/>.</summary>
    public static int Halve(Architecture architecture, int length) =>
        architecture == Architecture.Won2020ShortChunkResNet ? (length + Halving - 1) / Halving : length / Halving;
}
