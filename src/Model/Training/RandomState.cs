using System.Runtime.InteropServices;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>
/// The states of libtorch's default random generators a training run draws from: the CPU's (weight initialisation,
/// dropout on the CPU) and, training on a GPU, that GPU's (dropout there), so that a resumed run draws what the
/// uninterrupted one would have. Take and restore it under <see cref="TorchRuntime.WithRandomGenerator{T}"/>.
/// </summary>
public sealed record RandomState(byte[] Cpu, byte[]? Cuda)
{
    private static int _warnedAboutGpu;

    /// <summary>No state: a checkpoint written without one.</summary>
    public static RandomState None { get; } = new([], null);

    /// <summary>The states now: the CPU generator's, and on a CUDA device that device's generator's too.</summary>
    public static RandomState Capture(Device device)
    {
        var cpu = DefaultGenerator.Of(CPU).State();
        if (device.type != DeviceType.CUDA)
            return new RandomState(cpu, null);
        try
        {
            return new RandomState(cpu, DefaultGenerator.Of(device).State());
        }
        catch (Exception e) when (e is EntryPointNotFoundException or ExternalException or NotSupportedException)
        {
            // Training goes on: only a resume's dropout draws depend on it. `make gpu-check` fails on this warning.
            if (Interlocked.Exchange(ref _warnedAboutGpu, 1) == 0)
                Log.Warning("the GPU's random generator state cannot be saved ({Reason}): a resumed run's dropout on the GPU will draw differently", e.Message);
            return new RandomState(cpu, null);
        }
    }

    /// <summary>Sets the generators to these states; says so when <paramref name="source"/> has none for the device's generator.</summary>
    public void Restore(Device device, string source)
    {
        if (Cpu.Length > 0)
            DefaultGenerator.Of(CPU).Restore(Cpu);
        if (device.type == DeviceType.CUDA && Cuda is { } gpu)
            DefaultGenerator.Of(device).Restore(gpu);
        else if (device.type == DeviceType.CUDA)
            Log.Warning("{Source} holds no GPU random generator state (written on the CPU or before GPU states were saved): " +
                        "dropout on the GPU draws differently from the uninterrupted run", source);
        else if (Cuda is not null)
            Log.Information("{Source} holds a GPU random generator state, which training on {Device} does not use", source, device.type);
    }
}
