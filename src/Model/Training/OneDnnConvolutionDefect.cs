using Pipeline.Model.Models;
using Serilog;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Training;

/// <summary>
/// libtorch 2.10's oneDNN convolution computes the gradient with respect to its input from memory it never wrote
/// when the layer has a number of output channels that is not a multiple of 16. Measured on this project's CPU
/// (AVX-512), 2,000-3,000 identical backward passes each, with earlier tensors' values left in freed memory: 8, 24
/// and 40 output channels gave non-finite input gradients in 1-58 passes in float32 and in 13% of them in bfloat16;
/// 16, 32, 48 and 128 in none; any width with oneDNN off, in none. Training a model with 8-channel layers turned NaN
/// at a random early step in one run out of three. The widths of the papers and of the demo are multiples of 16;
/// for any other, training turns oneDNN off for the process, and libtorch's own kernels compute the convolutions.
/// </summary>
public static class OneDnnConvolutionDefect
{
    public const int SafeChannelMultiple = 16;

    /// <summary>Whether libtorch may use oneDNN (at::Context::userEnabledMkldnn); the process's switch, for every thread.</summary>
    public static bool OneDnnEnabled
    {
        get => TorchContext.Get("_ZNK2at7Context17userEnabledMkldnnEv");
        set => TorchContext.Set("_ZN2at7Context20setUserEnabledMkldnnEb", value);
    }

    /// <summary>The convolutions of <paramref name="model"/> whose input gradient oneDNN gets wrong.</summary>
    public static IReadOnlyList<string> AffectedLayers(Module model) =>
        model.named_modules()
            .Select(m => (m.name, Channels: OutputChannels(m.module)))
            .Where(m => m.Channels % SafeChannelMultiple is > 0)
            .Select(m => $"{m.name} ({m.Channels} output channels)")
            .ToList();

    /// <summary>Before training <paramref name="model"/> on the CPU: turns oneDNN off when any layer is affected.</summary>
    public static void AvoidFor(Module model, Device device)
    {
        if (device.type != DeviceType.CPU)
            return;
        var affected = AffectedLayers(model);
        if (affected.Count == 0 || !OneDnnEnabled)
            return;
        OneDnnEnabled = false;
        Log.Warning("oneDNN is off for this process: its convolution gradients are wrong for output channels that are " +
                    "not a multiple of {Multiple} ({Layers}); libtorch's own kernels are slower", SafeChannelMultiple,
            string.Join(", ", affected.Take(4)) + (affected.Count > 4 ? $" and {affected.Count - 4} more" : ""));
    }

    /// <summary>
    /// How many of <paramref name="passes"/> identical bf16 backward passes of an 8-channel convolution give another input
    /// gradient than the first, with oneDNN as it is now, after earlier tensors' values were left in freed memory (the
    /// condition the defect needs); with <paramref name="stopAtFirst"/>, until the first one does. A probe of libtorch,
    /// for the benchmark that says whether the workaround is still needed and for the test of the workaround.
    /// </summary>
    public static int DifferingPasses(int passes, bool stopAtFirst)
    {
        using var generator = new Generator(5);
        using var input = randn([16, 8, 243], generator: generator);
        using var weight = randn([8, 8, 3], generator: generator);
        using var upstream = randn([16, 8, 243], generator: generator);
        using var huge = tensor(1e30f);
        Tensor? first = null;
        var differ = 0;
        for (var pass = 0; pass < passes && !(stopAtFirst && differ > 0); pass++)
        {
            using var scope = NewDisposeScope();
            var x = input.to(ScalarType.BFloat16).requires_grad_(true);
            var y = functional.conv1d(x, weight.to(ScalarType.BFloat16), padding: 1);
            foreach (var size in new long[] { 16 * 8 * 243, 16 * 8 * 245, 64 * 1024 })
                (randn([size], generator: generator) * huge).to(ScalarType.BFloat16).Dispose();
            y.backward([upstream.to(ScalarType.BFloat16)]);
            if (first is null)
                first = x.grad!.to(ScalarType.Float32).DetachFromDisposeScope();
            else
                differ += x.grad!.to(ScalarType.Float32).allclose(first, 0, 0) ? 0 : 1;
        }
        first?.Dispose();
        return differ;
    }

    private static long? OutputChannels(Module module) => module switch
    {
        AutocastConv1d conv => conv.Weight.shape[0],
        Conv1d conv => conv.weight!.shape[0],
        // Measured on 1-D convolutions only; oneDNN's 2-D backward shares their blocking by 16, so it is avoided alike.
        AutocastConv2d conv => conv.Weight.shape[0],
        _ => null,
    };
}
