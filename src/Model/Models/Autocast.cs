using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// What torch.autocast does, inside our own layers (TorchSharp 0.107 has no autocast): convolutions and dense layers
/// may compute in a lower precision (bfloat16), the ops autocast lowers on the CPU and on CUDA. Their parameters stay
/// in their own type (float32 master weights, so the optimiser state and checkpoints stay float32): each forward
/// casts input, weight and bias down and returns the lower-precision result, as autocast does. Autograd carries the
/// gradients back through the casts to the float32 parameters. Batch norm takes that result as it is: its
/// parameters and running statistics stay float32 and libtorch computes it in float32 (its mixed-type kernel), only
/// its output is rounded, which the next convolution would round anyway (ReLU and max-pool commute with rounding).
/// Keeping activations in bfloat16 between layers halves their memory traffic; casting every output back to float32
/// cost most of the gain here. Whoever takes the logits (the loss, the sigmoid) casts them to float32.
/// </summary>
public static class Autocast
{
    public static AutocastConv1d Conv1d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0) =>
        new(inChannels, outChannels, kernel, stride, padding);

    /// <summary>A square-kernel 2-D convolution (Won et al.'s mel models: 3x3, padding 1, stride 1 or 2).</summary>
    public static AutocastConv2d Conv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0) =>
        new(inChannels, outChannels, kernel, stride, padding);

    public static AutocastLinear Linear(long inFeatures, long outFeatures) => new(inFeatures, outFeatures);

    /// <summary>Sets every autocast layer of <paramref name="model"/> to compute in <paramref name="lowPrecision"/> (null: the parameters' own type).</summary>
    public static void Apply(Module model, ScalarType? lowPrecision)
    {
        foreach (var layer in model.modules().OfType<AutocastLayer>())
            layer.LowPrecision = lowPrecision;
    }
}

/// <summary>A layer with a weight and a bias whose arithmetic may run in a lower precision than its parameters.</summary>
public abstract class AutocastLayer : Module<Tensor, Tensor>
{
    // Registered under PyTorch's names, so state dicts, checkpoints and PyTorch files read as Conv1d's and Linear's do.
    [ComponentName(Name = "weight")] private Parameter _weight;
    [ComponentName(Name = "bias")] private Parameter _bias;

    /// <summary>Takes the initial parameters of TorchSharp's own layer, so initialisation draws what it always drew.</summary>
    protected AutocastLayer(string name, Parameter initialWeight, Parameter initialBias) : base(name)
    {
        _weight = Copy(initialWeight);
        _bias = Copy(initialBias);
        RegisterComponents();
    }

    private static Parameter Copy(Parameter initial)
    {
        using var data = initial.detach();
        return new Parameter(data.clone());
    }

    public Parameter Weight => _weight;
    public Parameter Bias => _bias;

    /// <summary>The type the arithmetic runs in; null runs it in the parameters' own type, without a cast.</summary>
    public ScalarType? LowPrecision { get; set; }

    public override Tensor forward(Tensor input)
    {
        if (LowPrecision is not { } low || low == _weight.dtype)
            return Compute(input, _weight, _bias);
        using var scope = NewDisposeScope();
        return Compute(input.to(low), _weight.to(low), _bias.to(low)).MoveToOuterDisposeScope();
    }

    protected abstract Tensor Compute(Tensor input, Tensor weight, Tensor bias);
}

/// <summary>A convolution's stride and padding, the same along every axis, as our models use them.</summary>
public abstract class AutocastConvolution : AutocastLayer
{
    /// <summary>Takes <paramref name="initial"/>'s parameters (see <see cref="AutocastLayer"/>) and disposes it.</summary>
    protected AutocastConvolution(string name, Module initial, Parameter weight, Parameter bias, long stride, long padding) : base(name, weight, bias)
    {
        initial.Dispose();
        (Stride, Padding) = (stride, padding);
    }

    protected long Stride { get; }
    protected long Padding { get; }
}

public sealed class AutocastConv1d : AutocastConvolution
{
    internal AutocastConv1d(long inChannels, long outChannels, long kernel, long stride, long padding)
        : this(nn.Conv1d(inChannels, outChannels, kernel, stride, padding), stride, padding)
    {
    }

    private AutocastConv1d(Conv1d initial, long stride, long padding)
        : base(nameof(AutocastConv1d), initial, initial.weight!, initial.bias!, stride, padding)
    {
    }

    protected override Tensor Compute(Tensor input, Tensor weight, Tensor bias) =>
        functional.conv1d(input, weight, bias, Stride, Padding);
}

public sealed class AutocastConv2d : AutocastConvolution
{
    internal AutocastConv2d(long inChannels, long outChannels, long kernel, long stride, long padding)
        : this(nn.Conv2d(inChannels, outChannels, kernel, stride, padding), stride, padding)
    {
    }

    private AutocastConv2d(Conv2d initial, long stride, long padding)
        : base(nameof(AutocastConv2d), initial, initial.weight!, initial.bias!, stride, padding)
    {
    }

    protected override Tensor Compute(Tensor input, Tensor weight, Tensor bias) =>
        functional.conv2d(input, weight, bias, [Stride, Stride], [Padding, Padding]);
}

public sealed class AutocastLinear : AutocastLayer
{
    internal AutocastLinear(long inFeatures, long outFeatures) : this(nn.Linear(inFeatures, outFeatures))
    {
    }

    private AutocastLinear(Linear initial) : base(nameof(AutocastLinear), initial.weight!, initial.bias!) => initial.Dispose();

    public long InFeatures => Weight.shape[1];

    protected override Tensor Compute(Tensor input, Tensor weight, Tensor bias) => functional.linear(input, weight, bias);
}
