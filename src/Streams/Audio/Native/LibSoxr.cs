using System.Runtime.InteropServices;

namespace Pipeline.Streams.Audio.Native;

/// <summary>The slice of libsoxr's C API the resampler needs (Debian package libsoxr0).</summary>
internal static partial class LibSoxr
{
    private const string Library = "libsoxr.so.0";

    public const uint Float32Interleaved = 0; // SOXR_FLOAT32_I

    [StructLayout(LayoutKind.Sequential)]
    public struct IoSpec
    {
        public uint InputType;
        public uint OutputType;
        public double Scale;
        public IntPtr Extension;
        public nuint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public IntPtr Extension;
        public nuint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RuntimeSpec
    {
        public uint Log2MinDftSize;
        public uint Log2LargeDftSize;
        public uint CoefSizeKbytes;
        public uint NumThreads;
        public IntPtr Extension;
        public nuint Flags;
    }

    [LibraryImport(Library, EntryPoint = "soxr_create")]
    public static partial IntPtr Create(double inputRate, double outputRate, uint channels, out IntPtr error,
        in IoSpec io, in QualitySpec quality, in RuntimeSpec runtime);

    [LibraryImport(Library, EntryPoint = "soxr_process")]
    public static unsafe partial IntPtr Process(IntPtr resampler, float* input, nuint inputLength, out nuint inputDone,
        float* output, nuint outputLength, out nuint outputDone);

    [LibraryImport(Library, EntryPoint = "soxr_delete")]
    public static partial void Delete(IntPtr resampler);

    [LibraryImport(Library, EntryPoint = "soxr_io_spec")]
    public static partial IoSpec MakeIoSpec(uint inputType, uint outputType);

    [LibraryImport(Library, EntryPoint = "soxr_quality_spec")]
    public static partial QualitySpec MakeQualitySpec(nuint recipe, nuint flags);

    [LibraryImport(Library, EntryPoint = "soxr_runtime_spec")]
    public static partial RuntimeSpec MakeRuntimeSpec(uint threads);

    /// <summary>soxr reports errors as a C string, or NULL for success.</summary>
    public static void ThrowIfError(IntPtr error, string operation)
    {
        if (error != IntPtr.Zero)
            throw new InvalidOperationException($"soxr {operation} failed: {Marshal.PtrToStringUTF8(error)}");
    }
}
