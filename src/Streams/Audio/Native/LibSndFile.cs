using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Pipeline.Streams.Audio.Native;

/// <summary>
/// The slice of libsndfile's C API the decoder needs (Debian package libsndfile1), loaded from a configurable name or
/// path at run time rather than bound at compile time, so that a machine without it (or with an old one that cannot
/// read MPEG) is told so once and MP3s fall back to the managed decoder instead of every file failing.
/// </summary>
internal sealed unsafe class LibSndFile
{
    public const int ReadMode = 0x10; // SFM_READ
    public const int FormatTypeMask = 0x0FFF0000;
    public const int FormatMpeg = 0x230000; // SF_FORMAT_MPEG, since libsndfile 1.1.0
    private const int GetLogInfo = 0x1001; // SFC_GET_LOG_INFO
    private const int GetFormatMajorCount = 0x1030; // SFC_GET_FORMAT_MAJOR_COUNT
    private const int GetFormatMajor = 0x1031; // SFC_GET_FORMAT_MAJOR

    private static readonly ConcurrentDictionary<string, Lazy<(LibSndFile? Library, string? Error)>> Loaded = new();

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

    /// <summary>libsndfile's SF_VIRTUAL_IO: the callbacks it reads a stream through instead of a file descriptor.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VirtualIo
    {
        public delegate* unmanaged<IntPtr, long> GetFileLength;
        public delegate* unmanaged<long, int, IntPtr, long> Seek;
        public delegate* unmanaged<void*, long, IntPtr, long> Read;
        public delegate* unmanaged<void*, long, IntPtr, long> Write;
        public delegate* unmanaged<IntPtr, long> Tell;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FormatInfo
    {
        public int Format;
        public IntPtr Name;
        public IntPtr Extension;
    }

    private readonly delegate* unmanaged<VirtualIo*, int, Info*, IntPtr, IntPtr> _openVirtual;
    private readonly delegate* unmanaged<IntPtr, float*, long, long> _readFramesFloat;
    private readonly delegate* unmanaged<IntPtr, int> _close;
    private readonly delegate* unmanaged<IntPtr, int> _error;
    private readonly delegate* unmanaged<IntPtr, IntPtr> _strError;
    private readonly delegate* unmanaged<IntPtr, int, void*, int, int> _command;

    private LibSndFile(IntPtr handle, string source)
    {
        _openVirtual = (delegate* unmanaged<VirtualIo*, int, Info*, IntPtr, IntPtr>)NativeLibrary.GetExport(handle, "sf_open_virtual");
        _readFramesFloat = (delegate* unmanaged<IntPtr, float*, long, long>)NativeLibrary.GetExport(handle, "sf_readf_float");
        _close = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(handle, "sf_close");
        _error = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(handle, "sf_error");
        _strError = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(handle, "sf_strerror");
        _command = (delegate* unmanaged<IntPtr, int, void*, int, int>)NativeLibrary.GetExport(handle, "sf_command");
        Source = source;
        ReadsMpeg = MajorFormats().Contains(FormatMpeg);
    }

    /// <summary>The name or path it was loaded from.</summary>
    public string Source { get; }

    /// <summary>Whether this build decodes MPEG audio (libsndfile 1.1.0 and later, built with mpg123).</summary>
    public bool ReadsMpeg { get; }

    /// <summary>The library at <paramref name="nameOrPath"/>, loaded once per process; null with the reason when it cannot be.</summary>
    public static LibSndFile? Load(string nameOrPath, out string? error)
    {
        var (library, reason) = Loaded.GetOrAdd(nameOrPath, name => new Lazy<(LibSndFile?, string?)>(() => TryLoad(name))).Value;
        error = reason;
        return library;
    }

    private static (LibSndFile?, string?) TryLoad(string nameOrPath)
    {
        if (!NativeLibrary.TryLoad(nameOrPath, out var handle))
            return (null, $"{nameOrPath} could not be loaded (install libsndfile1; scripts/bootstrap does)");
        try
        {
            return (new LibSndFile(handle, nameOrPath), null);
        }
        catch (EntryPointNotFoundException e)
        {
            return (null, $"{nameOrPath} is not a usable libsndfile ({e.Message})");
        }
    }

    public IntPtr OpenVirtual(VirtualIo* io, ref Info info, IntPtr userData)
    {
        fixed (Info* pointer = &info)
            return _openVirtual(io, ReadMode, pointer, userData);
    }

    public long ReadFramesFloat(IntPtr file, float* destination, long frames) => _readFramesFloat(file, destination, frames);

    public void Close(IntPtr file) => _close(file);

    public int Error(IntPtr file) => _error(file);

    public string StrError(IntPtr file) => Marshal.PtrToStringUTF8(_strError(file)) ?? "unknown libsndfile error";

    /// <summary>libsndfile's parse log of the file's header (what it found and what it had to correct).</summary>
    public string HeaderLog(IntPtr file)
    {
        var buffer = new byte[4096];
        fixed (byte* data = buffer)
        {
            var length = _command(file, GetLogInfo, data, buffer.Length);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Clamp(length, 0, buffer.Length));
        }
    }

    private HashSet<int> MajorFormats()
    {
        var count = 0;
        _command(IntPtr.Zero, GetFormatMajorCount, &count, sizeof(int));
        var formats = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var format = new FormatInfo { Format = i };
            _command(IntPtr.Zero, GetFormatMajor, &format, sizeof(FormatInfo));
            formats.Add(format.Format & FormatTypeMask);
        }
        return formats;
    }
}
