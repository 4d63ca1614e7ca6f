using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>How a <see cref="ResidualSeBlock"/> is built; the two papers' blocks differ only in these.</summary>
/// <param name="Kernel">Filter length of both convolutions.</param>
/// <param name="Stride">Stride of the first convolution (and of the shortcut's).</param>
/// <param name="Pool">Max-pool size at the end (1: none).</param>
/// <param name="ShortcutKernel">Filter length of the projection shortcut.</param>
/// <param name="ShortcutOnStride">Whether a stride above 1 also needs the projection (not only a change of width).</param>
/// <param name="SeHidden">Hidden units of the SE gate as a multiple of the channels.</param>
/// <param name="Dropout">Dropout between the two convolutions (0: none).</param>
public sealed record ResidualSeShape(int Kernel, int Stride, int Pool, int ShortcutKernel, bool ShortcutOnStride, int SeHidden, double Dropout)
{
    /// <summary>
    /// Kim et al.'s ReSE block (tae-jun/resemul model.py:31-51 `rese_block`): 'same' convolutions, dropout 0.2 between
    /// them, SE amplified 16x, a 1x1 convolution + BN shortcut only where the width changes, max-pool 3.
    /// </summary>
    public static ResidualSeShape Kim2018(int m, int amplification, double dropout) => new(m, 1, m, 1, false, amplification, dropout);

    /// <summary>
    /// Won et al.'s `ResSE_1d` (minzwon/sota-music-tagging-models training/modules.py): padding kernel / 2 with any
    /// stride, SE dense layers C to C, a kernel-size shortcut (conv_3 / bn_3) where the stride or width changes, no
    /// dropout.
    /// </summary>
    public static ResidualSeShape Won2020(int kernel, int stride, int pool) => new(kernel, stride, pool, kernel, true, 1, 0);
}

/// <summary>
/// A residual block with squeeze-and-excitation: conv, BN, ReLU, (dropout,) conv, BN, SE gate, plus the shortcut,
/// ReLU, max-pool. Both papers put the gate before the addition and the pool after the ReLU.
/// </summary>
public sealed class ResidualSeBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor>? pad;
    private readonly AutocastConv1d conv1;
    private readonly BatchNorm1d bn1;
    private readonly Module<Tensor, Tensor>? dropout;
    private readonly AutocastConv1d conv2;
    private readonly BatchNorm1d bn2;
    private readonly SqueezeExcitation se;
    private readonly Sequential? shortcut;
    private readonly Module<Tensor, Tensor>? pool;

    public ResidualSeBlock(int inChannels, int outChannels, ResidualSeShape shape, Norm norm) : base(nameof(ResidualSeBlock))
    {
        var k = shape.Kernel;
        // Even kernels only occur with stride 1 ('same', as in Layers.SameConv); odd ones pad k/2 on both sides.
        if (k % 2 == 0)
            pad = ConstantPad1d(((k - 1) / 2, k / 2), 0);
        var padding = k % 2 == 0 ? 0 : k / 2;
        conv1 = Autocast.Conv1d(inChannels, outChannels, k, stride: shape.Stride, padding: padding);
        bn1 = norm.Create(outChannels);
        if (shape.Dropout > 0)
            dropout = Dropout(shape.Dropout);
        conv2 = Autocast.Conv1d(outChannels, outChannels, k, padding: padding);
        bn2 = norm.Create(outChannels);
        se = new SqueezeExcitation(outChannels, outChannels * shape.SeHidden);
        if (inChannels != outChannels || (shape.ShortcutOnStride && shape.Stride != 1))
        {
            var sk = shape.ShortcutKernel;
            shortcut = Sequential(
                ("conv", Autocast.Conv1d(inChannels, outChannels, sk, stride: shape.Stride, padding: sk / 2)),
                ("bn", norm.Create(outChannels)));
        }
        if (shape.Pool > 1)
            pool = MaxPool1d(shape.Pool);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(bn1.call(conv1.call(Pad(input))));
        if (dropout is not null)
            x = dropout.call(x);
        x = se.call(bn2.call(conv2.call(Pad(x))));
        x = functional.relu(x + (shortcut?.call(input) ?? input));
        return (pool?.call(x) ?? x).MoveToOuterDisposeScope();
    }

    private Tensor Pad(Tensor x) => pad?.call(x) ?? x;
}
