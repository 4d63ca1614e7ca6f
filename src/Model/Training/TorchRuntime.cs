using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>Process-wide TorchSharp set-up: which device to use, how many CPU threads, the seed.</summary>
public static class TorchRuntime
{
    public static Device ResolveDevice(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => CPU,
        DeviceChoice.Cuda when !cuda.is_available() =>
            throw new InvalidOperationException("pipeline.training.device = cuda, but no CUDA device is available (use auto or cpu)"),
        DeviceChoice.Cuda => CUDA,
        _ => cuda.is_available() ? CUDA : CPU,
    };

    /// <summary>Sets libtorch's intra-op threads (0 = one per core) and logs the device.</summary>
    public static void Configure(int threads, Device device)
    {
        var count = threads > 0 ? threads : Environment.ProcessorCount;
        set_num_threads(count);
        Log.Information("torch: device {Device}, {Threads} CPU threads", device.type == DeviceType.CUDA ? "cuda" : "cpu", count);
    }
}
