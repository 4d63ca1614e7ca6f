using System.Runtime.InteropServices;

namespace Pipeline.Streams.Audio.Native;

/// <summary>The slice of libsndfile's C API the decoder needs (Debian package libsndfile1).</summary>
internal static partial class LibSndFile
{
    // Only the runtime package is required, which ships the versioned soname and no unversioned symlink.
    private const string Library = "libsndfile.so.1";

    public const int ReadMode = 0x10; // SFM_READ

    [StructLayout(LayoutKind.Sequential)]
    public struct Info
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    public const int FormatTypeMask = 0x0FFF0000;
    public const int FormatMpeg = 0x230000; // SF_FORMAT_MPEG

    /// <summary>libsndfile's SF_VIRTUAL_IO: the callbacks it reads a stream through instead of a file descriptor.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct VirtualIo
    {
        public delegate* unmanaged<IntPtr, long> GetFileLength;
        public delegate* unmanaged<long, int, IntPtr, long> Seek;
        public delegate* unmanaged<void*, long, IntPtr, long> Read;
        public delegate* unmanaged<void*, long, IntPtr, long> Write;
        public delegate* unmanaged<IntPtr, long> Tell;
    }

    [LibraryImport(Library, EntryPoint = "sf_open_virtual")]
    public static unsafe partial IntPtr OpenVirtual(VirtualIo* io, int mode, ref Info info, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    public static unsafe partial long ReadFramesFloat(IntPtr file, float* destination, long frames);

    [LibraryImport(Library, EntryPoint = "sf_close")]
    public static partial int Close(IntPtr file);

    [LibraryImport(Library, EntryPoint = "sf_error")]
    public static partial int Error(IntPtr file);

    public const int GetLogInfo = 0x1001; // SFC_GET_LOG_INFO

    [LibraryImport(Library, EntryPoint = "sf_command")]
    public static unsafe partial int Command(IntPtr file, int command, byte* data, int dataSize);

    /// <summary>libsndfile's parse log of the file's header (what it found and what it had to correct).</summary>
    public static unsafe string HeaderLog(IntPtr file)
    {
        var buffer = new byte[4096];
        fixed (byte* data = buffer)
        {
            var length = Command(file, GetLogInfo, data, buffer.Length);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Clamp(length, 0, buffer.Length));
        }
    }

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    private static partial IntPtr StrErrorNative(IntPtr file);

    public static string StrError(IntPtr file) =>
        Marshal.PtrToStringUTF8(StrErrorNative(file)) ?? "unknown libsndfile error";
}
