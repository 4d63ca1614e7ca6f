using System.Runtime.InteropServices;
using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Native;

/// <summary>
/// Lets libsndfile read a file's bytes through sf_open_virtual: the whole file, or an MPEG stream's frames without the
/// tags around them and the junk between them (<see cref="SplicedBytes"/>). We never hand libsndfile a file descriptor: libsndfile 1.2.0 closes the descriptor given to
/// sf_open_fd when the open fails, even when told not to, and in a multi-threaded process the second close then hits
/// another thread's file.
/// </summary>
internal sealed unsafe class RegionIo : IDisposable
{
    private readonly SplicedBytes _bytes;
    private readonly long _length;
    private long _position;
    private GCHandle _self;

    public RegionIo(SplicedBytes bytes)
    {
        _bytes = bytes;
        _length = bytes.Length;
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The read error the callbacks could not throw across the native boundary, if any.</summary>
    public Exception? Failure { get; private set; }

    public IntPtr UserData => GCHandle.ToIntPtr(_self);

    public static LibSndFile.VirtualIo Callbacks => new()
    {
        GetFileLength = &GetFileLength,
        Seek = &Seek,
        Read = &Read,
        Write = null,
        Tell = &Tell,
    };

    private static RegionIo From(IntPtr state) => (RegionIo)GCHandle.FromIntPtr(state).Target!;

    [UnmanagedCallersOnly]
    private static long GetFileLength(IntPtr state) => From(state)._length;

    [UnmanagedCallersOnly]
    private static long Tell(IntPtr state) => From(state)._position;

    [UnmanagedCallersOnly]
    private static long Seek(long offset, int whence, IntPtr state)
    {
        var io = From(state);
        var target = whence switch
        {
            0 => offset,                   // SEEK_SET
            1 => io._position + offset,    // SEEK_CUR
            2 => io._length + offset,      // SEEK_END
            _ => -1,
        };
        if (target < 0)
            return -1;
        io._position = target;
        return target;
    }

    [UnmanagedCallersOnly]
    private static long Read(void* destination, long count, IntPtr state)
    {
        var io = From(state);
        var wanted = (int)Math.Clamp(Math.Min(count, io._length - io._position), 0, int.MaxValue);
        if (wanted == 0)
            return 0;
        try
        {
            var read = io._bytes.Read(io._position, new Span<byte>(destination, wanted));
            io._position += read;
            return read;
        }
        catch (Exception e)
        {
            // An exception must not unwind through libsndfile's frames; it ends the stream and is rethrown after.
            io.Failure = e;
            return 0;
        }
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
            _self.Free();
    }
}
