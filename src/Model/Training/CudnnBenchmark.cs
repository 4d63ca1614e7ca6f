using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>
/// libtorch's <c>torch.backends.cudnn.benchmark</c>, which TorchSharp 0.107 does not expose: with it on, cuDNN times
/// its convolution algorithms on the first batch of each input shape and keeps the fastest. Training batches have
/// one shape but for each epoch's last, which holds the rest (from 2 to batch size + 1 windows), the case it is made
/// for; evaluation of whole files and tagging see many shapes, each of which would be timed again, so it is on only
/// while a training session on a GPU lives (an evaluator running beside the trainer shares the process-wide switch).
/// </summary>
public static class CudnnBenchmark
{
    private static readonly object Lock = new();
    private static int _sessions;
    private static bool _before;

    public static bool Enabled
    {
        get => TorchContext.Get("_ZNK2at7Context14benchmarkCuDNNEv");
        set => TorchContext.Set("_ZN2at7Context17setBenchmarkCuDNNEb", value);
    }

    /// <summary>On a CUDA device, on until the last such scope ends, then as it was; elsewhere nothing.</summary>
    public static IDisposable ForTraining(Device device) => device.type == DeviceType.CUDA ? new Scope() : NoScope.Instance;

    private sealed class Scope : IDisposable
    {
        private bool _ended;

        public Scope()
        {
            lock (Lock)
            {
                if (_sessions++ > 0)
                    return;
                _before = Enabled;
                Enabled = true;
            }
            Log.Information("cudnn.benchmark on for training (one batch shape)");
        }

        public void Dispose()
        {
            lock (Lock)
            {
                if (_ended)
                    return;
                _ended = true;
                if (--_sessions == 0)
                    Enabled = _before;
            }
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static NoScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
