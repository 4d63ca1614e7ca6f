using System.Reflection;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>Process-wide TorchSharp set-up: which device to use, how many CPU threads, the seed.</summary>
public static class TorchRuntime
{
    private static readonly object RandomGenerator = new();

    /// <summary>
    /// Runs work that draws from libtorch's process-wide random generator (weight initialisation, dropout) without
    /// another thread drawing in between, so a seeded training run is reproducible whatever else the process does.
    /// </summary>
    public static T WithRandomGenerator<T>(Func<T> work)
    {
        lock (RandomGenerator)
            return work();
    }

    /// <summary>
    /// Like <see cref="WithRandomGenerator{T}"/>, then puts the generator back as it was: for models whose initial
    /// weights are thrown away (an evaluator's, which loads snapshots), so creating them does not shift training's draws.
    /// </summary>
    public static T WithoutDisturbingRandomGenerator<T>(Func<T> work)
    {
        lock (RandomGenerator)
        {
            using var saved = random.get_rng_state();
            try
            {
                return work();
            }
            finally
            {
                random.set_rng_state(saved);
            }
        }
    }

    public static Device ResolveDevice(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => CPU,
        DeviceChoice.Cuda when !cuda.is_available() => throw new InvalidOperationException(NoCudaDevice()),
        DeviceChoice.Cuda => CUDA,
        _ => cuda.is_available() ? CUDA : CPU,
    };

    /// <summary>The libtorch this program was built with: cpu or cuda (build/torch-backend/TorchBackend.props).</summary>
    public static string Backend { get; } =
        typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "unknown";

    private static int _threads;

    /// <summary>
    /// Sets libtorch's intra-op threads (0 = one per core) and logs the device; call it before any torch work. The
    /// first call decides for the process: libtorch 2.10 changes its thread count safely only before its first
    /// parallel work (measured: set_num_threads(1) after a forward pass on 2 threads made the next training steps
    /// NaN), so a later call with another count is logged and ignored. cudnn.benchmark is a training session's
    /// business (<see cref="CudnnBenchmark.ForTraining"/>), not the process's.
    /// </summary>
    public static void Configure(int threads, Device device)
    {
        var count = threads > 0 ? threads : Environment.ProcessorCount;
        var earlier = Interlocked.CompareExchange(ref _threads, count, 0);
        if (earlier == 0)
            set_num_threads(count);
        else if (earlier != count)
            Log.Warning("libtorch already runs {Threads} CPU threads in this process; {Requested} would need a new process", earlier, count);
        count = earlier == 0 ? count : earlier;
        Log.Information("torch: device {Device}, {Threads} CPU threads", device.type == DeviceType.CUDA ? "cuda" : "cpu", count);
    }

    /// <summary>
    /// A batch made on the host, on <paramref name="device"/>. To a GPU it goes from pinned memory without blocking
    /// this thread, so the copy overlaps with queuing the step; the stream orders it before the kernels that read it,
    /// and libtorch keeps the pinned block until the copy is done. On the CPU it is the tensor itself.
    /// </summary>
    public static Tensor ToDevice(Tensor host, Device device) =>
        device.type == DeviceType.CUDA ? host.pin_memory().to(device, non_blocking: true) : host.to(device);

    private static string NoCudaDevice() => Backend == "cuda"
        ? "pipeline.training.device = cuda, but no CUDA device is available (use auto or cpu)"
        : "pipeline.training.device = cuda, but this program was built with the CPU libtorch: build it with `make build TORCH=cuda` (see the README's GPU section), or use auto or cpu";
}
