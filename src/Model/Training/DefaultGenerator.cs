using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Training;

/// <summary>
/// libtorch's default random generator of one device, whose state a checkpoint keeps. TorchSharp 0.107 reaches only
/// the CPU's (THSGenerator_default_generator; its Generator(device) constructor makes a new CPU generator whatever the
/// device), but dropout on a GPU draws from that GPU's. libtorch's own accessors give each one:
/// at::detail::getDefaultCPUGenerator() and at::cuda::detail::getDefaultCUDAGenerator(DeviceIndex), both returning a
/// <c>const at::Generator&amp;</c>, which is the <c>at::Generator*</c> LibTorchSharp's THSGenerator_get_rng_state and
/// THSGenerator_set_rng_state take. The CUDA accessor is in libtorch_cuda.so, present in the CUDA build only.
/// </summary>
public sealed unsafe class DefaultGenerator
{
    private const string CpuAccessor = "_ZN2at6detail22getDefaultCPUGeneratorEv";
    private const string CudaAccessor = "_ZN2at4cuda6detail23getDefaultCUDAGeneratorEa"; // DeviceIndex is a signed char

    private static readonly Lazy<nint> TorchSharpLibrary = new(() => NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null));

    private readonly nint _generator;

    private DefaultGenerator(nint generator, string device)
    {
        _generator = generator;
        Device = device;
    }

    /// <summary>Which generator: "cpu", "cuda" (the current GPU's) or "cuda:N".</summary>
    public string Device { get; }

    /// <summary>The default generator of <paramref name="device"/> (CPU or CUDA); an exception that says why when it cannot be reached.</summary>
    public static DefaultGenerator Of(Device device)
    {
        _ = zeros(1); // libtorch loaded (and on CUDA initialised) before its symbols are looked up
        switch (device.type)
        {
            case DeviceType.CPU:
                return new DefaultGenerator(((delegate* unmanaged<nint>)Export(CpuAccessor, null))(), "cpu");
            case DeviceType.CUDA:
                // Index -1 is the current device, as for libtorch itself.
                var accessor = (delegate* unmanaged<sbyte, nint>)Export(CudaAccessor, "torch_cuda");
                return new DefaultGenerator(accessor((sbyte)Math.Max(device.index, -1)), device.index < 0 ? "cuda" : $"cuda:{device.index}");
            default:
                throw new NotSupportedException($"libtorch has no default random generator of its own for {device.type} here");
        }
    }

    /// <summary>The generator's state as libtorch serialises it (a CPU byte tensor's bytes).</summary>
    public byte[] State()
    {
        var handle = ((delegate* unmanaged<nint, nint>)Export("THSGenerator_get_rng_state", null))(_generator);
        if (handle == 0)
            CheckForErrors();
        using var state = Tensor.UnsafeCreateTensor(handle);
        return state.data<byte>().ToArray();
    }

    /// <summary>
    /// Sets the generator to <paramref name="state"/>, which must be of the length its own state has: LibTorchSharp
    /// does not catch libtorch's error for a wrong state, which would end the process.
    /// </summary>
    public void Restore(byte[] state)
    {
        var length = State().Length;
        if (state.Length != length)
            throw new InvalidDataException($"a saved {Device} random generator state of {state.Length} bytes does not fit this libtorch's ({length} bytes)");
        using var tensor = torch.tensor(state, dtype: ScalarType.Byte);
        ((delegate* unmanaged<nint, nint, void>)Export("THSGenerator_set_rng_state", null))(_generator, tensor.Handle);
    }

    /// <summary>A symbol of LibTorchSharp or of the libtorch libraries it links, else of <paramref name="library"/>.</summary>
    private static nint Export(string symbol, string? library)
    {
        if (NativeLibrary.TryGetExport(TorchSharpLibrary.Value, symbol, out var address))
            return address;
        if (library is not null && NativeLibrary.TryLoad(library, typeof(torch).Assembly, null, out var handle)
            && NativeLibrary.TryGetExport(handle, symbol, out address))
            return address;
        throw new EntryPointNotFoundException($"{symbol} is in none of the loaded libtorch libraries{(library is null ? "" : $" nor in lib{library}.so")}");
    }
}
