using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

/// <summary>The CUDA-path settings of <see cref="TorchRuntime"/>, as far as a machine without a GPU can check them.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class TorchRuntimeTests : IDisposable
{
    // The process-wide switch as it was before each test, put back after it.
    private readonly bool _benchmarkBefore = CudnnBenchmark.Enabled;

    public void Dispose() => CudnnBenchmark.Enabled = _benchmarkBefore;

    [Fact]
    public void The_cudnn_benchmark_switch_reaches_libtorchs_global_context()
    {
        CudnnBenchmark.Enabled = true;
        Assert.True(CudnnBenchmark.Enabled);
        CudnnBenchmark.Enabled = false;
        Assert.False(CudnnBenchmark.Enabled);
    }

    [Fact]
    public void Cudnn_benchmark_is_on_while_a_training_scope_on_a_GPU_lives_and_as_before_after_the_last_one()
    {
        var gpu = new Device(DeviceType.CUDA, 0); // a device object only: nothing here touches a GPU
        CudnnBenchmark.Enabled = false;
        using (CudnnBenchmark.ForTraining(CPU))
            Assert.False(CudnnBenchmark.Enabled);

        var first = CudnnBenchmark.ForTraining(gpu);
        var second = CudnnBenchmark.ForTraining(gpu);
        Assert.True(CudnnBenchmark.Enabled);
        first.Dispose();
        first.Dispose();
        Assert.True(CudnnBenchmark.Enabled);
        second.Dispose();
        Assert.False(CudnnBenchmark.Enabled);
    }

    [Fact]
    public void Configuring_the_process_for_a_GPU_leaves_cudnn_benchmark_to_training()
    {
        CudnnBenchmark.Enabled = false;

        TorchRuntime.Configure(get_num_threads(), new Device(DeviceType.CUDA, 0));

        Assert.False(CudnnBenchmark.Enabled);
    }

    [Fact]
    public void On_the_cpu_a_batch_stays_in_ordinary_memory_and_cudnn_benchmark_is_left_alone()
    {
        using var scope = NewDisposeScope();
        var threads = get_num_threads();
        var benchmark = CudnnBenchmark.Enabled;
        try
        {
            TorchRuntime.Configure(threads, CPU);
            Assert.Equal(benchmark, CudnnBenchmark.Enabled);

            var host = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
            var moved = TorchRuntime.ToDevice(host, CPU);
            Assert.Equal(DeviceType.CPU, moved.device_type);
            Assert.False(moved.is_pinned());
            Assert.Equal(new float[] { 1, 2, 3, 4 }, moved.data<float>().ToArray());
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void The_cpu_thread_count_is_decided_once_per_process()
    {
        // libtorch 2.10 changes its thread count safely only before its first parallel work: set_num_threads(1) after
        // a forward pass on 2 threads made the next training steps NaN. So a later, different request changes nothing.
        var threads = get_num_threads();
        TorchRuntime.Configure(threads, CPU);

        TorchRuntime.Configure(threads == 1 ? 2 : 1, CPU);

        Assert.Equal(threads, get_num_threads());
    }
}
