using System.Runtime.InteropServices;

namespace Pipeline.Model.Training;

/// <summary>
/// libtorch's <c>torch.backends.cudnn.benchmark</c>, which TorchSharp 0.107 does not expose: with it on, cuDNN times
/// its convolution algorithms on the first batch of each input shape and keeps the fastest. Training batches have
/// one shape (a shorter last batch adds a second), the case it is made for. It is the switch in libtorch's global
/// at::Context, looked up through the libLibTorchSharp.so that TorchSharp loaded (it links libtorch_cpu.so, in the
/// CPU and the CUDA libtorch alike), so it is the very context TorchSharp's calls read.
/// </summary>
public static unsafe class CudnnBenchmark
{
    private static readonly object Gate = new();
    private static nint _context;
    private static delegate* unmanaged<nint, byte> _isEnabled;
    private static delegate* unmanaged<nint, byte, void> _setEnabled;

    public static bool Enabled
    {
        get
        {
            Bind();
            return _isEnabled(_context) != 0;
        }
        set
        {
            Bind();
            _setEnabled(_context, value ? (byte)1 : (byte)0);
        }
    }

    private static void Bind()
    {
        lock (Gate)
        {
            if (_context != 0)
                return;
            var library = NativeLibrary.Load("LibTorchSharp", typeof(TorchSharp.torch).Assembly, null);
            // Itanium C++ ABI names of at::globalContext() and at::Context::{benchmarkCuDNN, setBenchmarkCuDNN}; a
            // member function takes the object as its first argument.
            var globalContext = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "_ZN2at13globalContextEv");
            _isEnabled = (delegate* unmanaged<nint, byte>)NativeLibrary.GetExport(library, "_ZNK2at7Context14benchmarkCuDNNEv");
            _setEnabled = (delegate* unmanaged<nint, byte, void>)NativeLibrary.GetExport(library, "_ZN2at7Context17setBenchmarkCuDNNEb");
            _context = globalContext();
        }
    }
}
