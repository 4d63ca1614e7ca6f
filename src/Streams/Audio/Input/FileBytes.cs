using Microsoft.Win32.SafeHandles;

namespace Pipeline.Streams.Audio.Input;

/// <summary>
/// Random access to an audio file's bytes through one open handle and a small read-ahead block, so that the frame
/// scan and the decoders read a 40-minute file with the same memory as a 30-second clip. Not thread-safe: one
/// decode owns it.
/// </summary>
public sealed class FileBytes : IDisposable
{
    private const int BlockSize = 64 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _block = new byte[BlockSize];
    private long _blockStart = -1;
    private int _blockLength;

    private FileBytes(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>Opens <paramref name="path"/>, turning every way that can fail into an <see cref="AudioReadException"/>.</summary>
    public static FileBytes Open(string path)
    {
        if (Directory.Exists(path))
            throw new AudioReadException(path, AudioReadFailure.Unreadable, "is a directory");
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AudioReadException(path, AudioReadFailure.Missing, "no such file", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new AudioReadException(path, AudioReadFailure.Unreadable, e.Message, e);
        }
        var length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            handle.Dispose();
            throw new AudioReadException(path, AudioReadFailure.Empty, "the file has 0 bytes");
        }
        return new FileBytes(path, handle, length);
    }

    /// <summary>Copies up to <c>destination.Length</c> bytes from <paramref name="offset"/>; returns how many there were.</summary>
    public int Read(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset >= Length)
            return 0;
        var wanted = (int)Math.Min(destination.Length, Length - offset);
        // Large reads (a decoder filling its buffer) go straight to the file; small ones (frame headers) hit the block.
        if (wanted >= BlockSize / 2)
            return ReadFile(offset, destination[..wanted]);
        var copied = 0;
        while (copied < wanted)
        {
            var at = offset + copied;
            if (at < _blockStart || at >= _blockStart + _blockLength)
                Fill(at);
            if (_blockLength == 0)
                break;
            var available = (int)Math.Min(wanted - copied, _blockStart + _blockLength - at);
            _block.AsSpan((int)(at - _blockStart), available).CopyTo(destination[copied..]);
            copied += available;
        }
        return copied;
    }

    /// <summary>The byte at <paramref name="offset"/>, or -1 past the end.</summary>
    public int ByteAt(long offset)
    {
        Span<byte> one = stackalloc byte[1];
        return Read(offset, one) == 1 ? one[0] : -1;
    }

    private void Fill(long offset)
    {
        _blockStart = offset;
        _blockLength = ReadFile(offset, _block.AsSpan(0, (int)Math.Min(BlockSize, Length - offset)));
    }

    private int ReadFile(long offset, Span<byte> destination)
    {
        try
        {
            var total = 0;
            while (total < destination.Length)
            {
                var n = RandomAccess.Read(_handle, destination[total..], offset + total);
                if (n == 0)
                    break;
                total += n;
            }
            return total;
        }
        catch (IOException e)
        {
            throw new AudioReadException(Path, AudioReadFailure.Unreadable, e.Message, e);
        }
    }

    public void Dispose() => _handle.Dispose();
}
