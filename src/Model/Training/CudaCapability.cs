using System.Runtime.InteropServices;

namespace Pipeline.Model.Training;

/// <summary>
/// A GPU's compute capability, which TorchSharp 0.107 does not expose (PyTorch's torch.cuda.get_device_capability):
/// asked of the CUDA driver API in libcuda.so.1, which every NVIDIA driver installs and whose C interface has been
/// stable since CUDA 2. Null where there is no driver or it fails. Not exercised on a machine without a GPU.
/// </summary>
public static unsafe class CudaCapability
{
    private const int ComputeCapabilityMajor = 75; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    private const int ComputeCapabilityMinor = 76; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR

    public static (int Major, int Minor)? Of(int deviceIndex)
    {
        if (!NativeLibrary.TryLoad("libcuda.so.1", out var driver) && !NativeLibrary.TryLoad("nvcuda.dll", out driver))
            return null;
        if (!NativeLibrary.TryGetExport(driver, "cuInit", out var init)
            || !NativeLibrary.TryGetExport(driver, "cuDeviceGet", out var get)
            || !NativeLibrary.TryGetExport(driver, "cuDeviceGetAttribute", out var attribute))
            return null;
        // Every call returns a CUresult, 0 on success.
        int device, major, minor;
        if (((delegate* unmanaged<uint, int>)init)(0) != 0
            || ((delegate* unmanaged<int*, int, int>)get)(&device, deviceIndex) != 0
            || ((delegate* unmanaged<int*, int, int, int>)attribute)(&major, ComputeCapabilityMajor, device) != 0
            || ((delegate* unmanaged<int*, int, int, int>)attribute)(&minor, ComputeCapabilityMinor, device) != 0)
            return null;
        return (major, minor);
    }
}
