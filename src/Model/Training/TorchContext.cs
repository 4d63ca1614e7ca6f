using System.Runtime.InteropServices;

namespace Pipeline.Model.Training;

/// <summary>
/// libtorch's global at::Context, for the switches TorchSharp 0.107 does not expose. It is looked up through the
/// libLibTorchSharp.so that TorchSharp loaded (which links libtorch_cpu.so, in the CPU and the CUDA libtorch alike),
/// so it is the very context TorchSharp's calls read. Members are named by their Itanium C++ ABI symbols; a member
/// function takes the object as its first argument.
/// </summary>
public static unsafe class TorchContext
{
    private static readonly Lazy<(nint Library, nint Context)> Bound = new(() =>
    {
        var library = NativeLibrary.Load("LibTorchSharp", typeof(TorchSharp.torch).Assembly, null);
        var globalContext = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "_ZN2at13globalContextEv");
        return (library, globalContext());
    });

    public static nint Context => Bound.Value.Context;

    public static nint Export(string symbol) => NativeLibrary.GetExport(Bound.Value.Library, symbol);

    /// <summary>A bool getter of the context (a const member function).</summary>
    public static bool Get(string symbol) => ((delegate* unmanaged<nint, byte>)Export(symbol))(Context) != 0;

    /// <summary>A bool setter of the context.</summary>
    public static void Set(string symbol, bool value) =>
        ((delegate* unmanaged<nint, byte, void>)Export(symbol))(Context, value ? (byte)1 : (byte)0);
}
