using System.Runtime.InteropServices;

namespace Pipeline.Streams.Audio.Native;

/// <summary>
/// Lets libsndfile decode a file that is already in memory (sf_open_virtual). We never hand libsndfile a file
/// descriptor: libsndfile 1.2.0 closes the descriptor given to sf_open_fd when the open fails, even when told not
/// to, and in a multi-threaded process the second close then hits another thread's file.
/// </summary>
internal static unsafe class MemoryStreamIo
{
    /// <summary>The stream state libsndfile's callbacks work on; lives on the caller's stack during decoding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct State
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    public static LibSndFile.VirtualIo Callbacks => new()
    {
        GetFileLength = &GetFileLength,
        Seek = &Seek,
        Read = &Read,
        Write = null,
        Tell = &Tell,
    };

    [UnmanagedCallersOnly]
    private static long GetFileLength(IntPtr state) => ((State*)state)->Length;

    [UnmanagedCallersOnly]
    private static long Tell(IntPtr state) => ((State*)state)->Position;

    [UnmanagedCallersOnly]
    private static long Seek(long offset, int whence, IntPtr state)
    {
        var s = (State*)state;
        var target = whence switch
        {
            0 => offset,                // SEEK_SET
            1 => s->Position + offset,  // SEEK_CUR
            2 => s->Length + offset,    // SEEK_END
            _ => -1,
        };
        if (target < 0)
            return -1;
        s->Position = target;
        return target;
    }

    [UnmanagedCallersOnly]
    private static long Read(void* destination, long count, IntPtr state)
    {
        var s = (State*)state;
        var available = Math.Max(0, Math.Min(count, s->Length - s->Position));
        if (available > 0)
            Buffer.MemoryCopy(s->Data + s->Position, destination, count, available);
        s->Position += available;
        return available;
    }
}
