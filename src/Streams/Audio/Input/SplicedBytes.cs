namespace Pipeline.Streams.Audio.Input;

/// <summary>A range of a file's bytes, [Start, End).</summary>
public readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start;
}

/// <summary>
/// Several ranges of one file read as one contiguous stream: an MPEG stream's frames without the tags around them
/// and without the junk between them, so that a decoder sees exactly the frames the scan found, in order, and keeps
/// its bit reservoir across a gap of junk as mpg123 does.
/// </summary>
public sealed class SplicedBytes
{
    private readonly FileBytes _bytes;
    private readonly ByteRange[] _ranges;
    private readonly long[] _startsInStream;

    public SplicedBytes(FileBytes bytes, IReadOnlyList<ByteRange> ranges)
    {
        _bytes = bytes;
        _ranges = [.. ranges];
        _startsInStream = new long[_ranges.Length];
        long position = 0;
        for (var i = 0; i < _ranges.Length; i++)
        {
            _startsInStream[i] = position;
            position += _ranges[i].Length;
        }
        Length = position;
    }

    public string Path => _bytes.Path;

    public long Length { get; }

    /// <summary>Copies up to <c>destination.Length</c> bytes from <paramref name="position"/> of the spliced stream.</summary>
    public int Read(long position, Span<byte> destination)
    {
        var copied = 0;
        var range = Array.BinarySearch(_startsInStream, position);
        if (range < 0)
            range = ~range - 1;
        while (copied < destination.Length && range >= 0 && range < _ranges.Length)
        {
            var offset = position + copied - _startsInStream[range];
            var available = (int)Math.Min(destination.Length - copied, _ranges[range].Length - offset);
            if (available <= 0)
            {
                range++;
                continue;
            }
            var read = _bytes.Read(_ranges[range].Start + offset, destination.Slice(copied, available));
            copied += read;
            if (read < available)
                break;
            range++;
        }
        return copied;
    }
}
