using System.Runtime.InteropServices;

namespace Pipeline.Model.Training;

/// <summary>
/// A GPU's compute capability, which TorchSharp 0.107 does not expose (PyTorch's torch.cuda.get_device_capability):
/// asked of the CUDA driver API in libcuda.so.1, which every NVIDIA driver installs and whose C interface has been
/// stable since CUDA 2. Where it cannot be read, the exception says which step failed and the driver's error name, so
/// that precision "auto" can say why it chose fp32 and "bf16" can refuse to guess.
/// </summary>
public static unsafe class CudaCapability
{
    private const int ComputeCapabilityMajor = 75; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    private const int ComputeCapabilityMinor = 76; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR

    /// <summary>The capability of device <paramref name="deviceIndex"/>; <see cref="InvalidOperationException"/> with the reason when it cannot be read.</summary>
    public static (int Major, int Minor) Of(int deviceIndex)
    {
        if (!NativeLibrary.TryLoad("libcuda.so.1", out var driver) && !NativeLibrary.TryLoad("nvcuda.dll", out driver))
            throw new InvalidOperationException("the NVIDIA driver's libcuda.so.1 could not be loaded");
        var init = (delegate* unmanaged<uint, int>)Export(driver, "cuInit");
        var get = (delegate* unmanaged<int*, int, int>)Export(driver, "cuDeviceGet");
        var attribute = (delegate* unmanaged<int*, int, int, int>)Export(driver, "cuDeviceGetAttribute");
        int device, major, minor;
        Check(driver, init(0), "cuInit");
        Check(driver, get(&device, deviceIndex), $"cuDeviceGet({deviceIndex})");
        Check(driver, attribute(&major, ComputeCapabilityMajor, device), "cuDeviceGetAttribute(compute capability major)");
        Check(driver, attribute(&minor, ComputeCapabilityMinor, device), "cuDeviceGetAttribute(compute capability minor)");
        return (major, minor);
    }

    private static nint Export(nint driver, string name) =>
        NativeLibrary.TryGetExport(driver, name, out var address)
            ? address
            : throw new InvalidOperationException($"libcuda.so.1 has no {name}");

    /// <summary>Every driver call returns a CUresult, 0 on success; cuGetErrorName names the others.</summary>
    private static void Check(nint driver, int result, string call)
    {
        if (result == 0)
            return;
        var name = $"CUresult {result}";
        if (NativeLibrary.TryGetExport(driver, "cuGetErrorName", out var errorName))
        {
            byte* text = null;
            if (((delegate* unmanaged<int, byte**, int>)errorName)(result, &text) == 0 && text is not null)
                name = $"{Marshal.PtrToStringAnsi((nint)text)} ({result})";
        }
        throw new InvalidOperationException($"{call} failed: {name}");
    }
}
