using System.Runtime.InteropServices;
using Pipeline.Model.Training;
using Pipeline.Tests.Support;
using Serilog;
using Serilog.Events;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>
/// What precision bf16 and auto do on a GPU whose compute capability cannot be read. A device object is all it takes:
/// without the NVIDIA driver (these machines) the driver's library is missing; with it, the capability is read.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class GpuPrecisionTests
{
    private static readonly Device Gpu = new(DeviceType.CUDA, 0);

    private static bool HasDriver => NativeLibrary.TryLoad("libcuda.so.1", out _);

    [Fact]
    public void The_compute_capability_is_read_from_the_driver_or_the_reason_says_which_step_failed()
    {
        if (HasDriver)
        {
            var (major, _) = CudaCapability.Of(0);
            Assert.InRange(major, 3, 20);
            return;
        }
        var error = Assert.Throws<InvalidOperationException>(() => CudaCapability.Of(0));
        Assert.Equal("the NVIDIA driver's libcuda.so.1 could not be loaded", error.Message);
    }

    [Fact]
    public void Bf16_asked_for_on_a_GPU_of_unknown_capability_is_an_error_with_the_reason()
    {
        if (HasDriver)
        {
            Assert.Equal(CudaCapability.Of(0).Major >= 8, PrecisionSupport.NativeBf16(Gpu).Native);
            return;
        }
        var error = Assert.Throws<InvalidOperationException>(() => PrecisionSupport.LowPrecision(Precision.Bf16, Gpu));

        Assert.Equal("pipeline.training.precision = bf16, but the GPU's compute capability could not be read (the NVIDIA " +
                     "driver's libcuda.so.1 could not be loaded); use fp32, or auto to fall back to fp32", error.Message);
    }

    [Fact]
    public void Auto_on_a_GPU_of_unknown_capability_is_fp32_with_a_warning_that_gives_the_reason()
    {
        var sink = new CapturingSink();
        var previous = Log.Logger;
        Log.Logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        ScalarType? chosen;
        try
        {
            chosen = PrecisionSupport.LowPrecision(Precision.Auto, Gpu);
        }
        finally
        {
            Log.Logger = previous;
        }

        var decision = Assert.Single(sink.Events);
        if (HasDriver)
        {
            Assert.Equal(CudaCapability.Of(0).Major >= 8 ? ScalarType.BFloat16 : null, chosen);
            return;
        }
        Assert.Null(chosen);
        Assert.Equal(LogEventLevel.Warning, decision.Level);
        Assert.Equal("precision: fp32 (auto: the GPU's compute capability could not be read (the NVIDIA driver's libcuda.so.1 " +
                     "could not be loaded))", CapturingSink.Render(decision));
    }
}
