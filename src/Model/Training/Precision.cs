using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>pipeline.training.precision: the arithmetic of training, evaluation and tagging.</summary>
public enum Precision
{
    /// <summary>bf16 where the hardware computes bfloat16 natively, else fp32.</summary>
    Auto,
    /// <summary>Everything in float32.</summary>
    Fp32,
    /// <summary>
    /// Mixed precision as torch.autocast does it: convolutions and dense layers in bfloat16; float32 master weights,
    /// optimiser state, checkpoints, batch norm statistics and loss (see <see cref="Models.Autocast"/>).
    /// </summary>
    Bf16,
}

/// <summary>
/// Whether a device computes bfloat16 natively, and why; <see cref="Known"/> is false when the answer could not be
/// found out (a GPU whose compute capability the driver did not give).
/// </summary>
public sealed record Bf16Support(bool Native, bool Known, string Why);

/// <summary>Which lower type a <see cref="Precision"/> means on a device, and whether the hardware has it natively.</summary>
public static class PrecisionSupport
{
    private static readonly Lazy<string?> CpuBf16Flag = new(() => File.Exists("/proc/cpuinfo") ? Bf16Flag(File.ReadAllText("/proc/cpuinfo")) : null);

    /// <summary>
    /// The type the autocast layers compute in, or null for float32; logs the choice and why. bf16 on a GPU whose
    /// capability cannot be read is an error (it would be emulated, or fail, on a GPU before Ampere); auto falls back
    /// to fp32 with a warning that gives the reason.
    /// </summary>
    public static ScalarType? LowPrecision(Precision precision, Device device)
    {
        if (precision == Precision.Fp32)
        {
            Log.Information("precision: fp32 (configured)");
            return null;
        }
        var support = NativeBf16(device);
        if (!support.Known && precision == Precision.Bf16)
            throw new InvalidOperationException($"pipeline.training.precision = bf16, but {support.Why}; use fp32, or auto to fall back to fp32");
        if (!support.Known)
        {
            Log.Warning("precision: fp32 (auto: {Why})", support.Why);
            return null;
        }
        if (!support.Native && precision == Precision.Auto)
        {
            Log.Information("precision: fp32 (auto: {Why})", support.Why);
            return null;
        }
        if (support.Native)
            Log.Information("precision: bf16 mixed precision ({Why})", support.Why);
        else
            Log.Warning("precision: bf16 as configured, but {Why}: libtorch emulates it, likely slower than fp32", support.Why);
        return ScalarType.BFloat16;
    }

    /// <summary>
    /// Whether <paramref name="device"/> computes bfloat16 natively: a CPU with the avx512_bf16 or amx_bf16 flag
    /// (oneDNN's bf16 kernels need one), a GPU of compute capability 8.0 (Ampere) or above.
    /// </summary>
    public static Bf16Support NativeBf16(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            try
            {
                var (major, minor) = CudaCapability.Of(Math.Max(device.index, 0));
                return new Bf16Support(major >= 8, true, $"the GPU's compute capability is {major}.{minor}");
            }
            catch (InvalidOperationException e)
            {
                return new Bf16Support(false, false, $"the GPU's compute capability could not be read ({e.Message})");
            }
        }
        return CpuBf16Flag.Value is { } flag
            ? new Bf16Support(true, true, $"this CPU has {flag}")
            : new Bf16Support(false, true, "this CPU has neither avx512_bf16 nor amx_bf16");
    }

    /// <summary>The bfloat16 flag a /proc/cpuinfo text lists (amx_bf16 first, it is the faster one), or null.</summary>
    public static string? Bf16Flag(string cpuinfo)
    {
        var flags = cpuinfo.Split('\n')
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "amx_bf16", "avx512_bf16" }.FirstOrDefault(flags.Contains);
    }
}
