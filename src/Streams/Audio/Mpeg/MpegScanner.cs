using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>
/// Walks an MPEG audio file frame by frame (headers only, no decoding) to find its <see cref="MpegLayout"/>. The
/// walk follows frame lengths from header to header; a sync word counts as a frame only when the next frame header
/// follows where its length says (or the stream ends there), so payload bytes that happen to look like a header
/// are not taken for frames. Handles bitrate switching, free format (frame length measured between syncs), junk
/// between frames and a cut-off last frame.
/// </summary>
public static class MpegScanner
{
    // Formats libsndfile recognises by their first bytes; an MPEG scan of them could only find false syncs.
    private static readonly byte[][] OtherContainers = ["RIFF"u8.ToArray(), "RIFX"u8.ToArray(), "RF64"u8.ToArray(),
        "fLaC"u8.ToArray(), "OggS"u8.ToArray(), "FORM"u8.ToArray(), ".snd"u8.ToArray(), "caff"u8.ToArray(), "wvpk"u8.ToArray()];

    // The largest legal frame (MPEG-2.5 layer II, 160 kbit/s at 8 kHz, padded) bounds a free-format search.
    private const int MaxFrameLength = 2_881;

    /// <summary>The file's MPEG structure, or null when it is not an MPEG audio stream.</summary>
    public static MpegLayout? Scan(FileBytes bytes)
    {
        if (StartsWithOtherContainer(bytes))
            return null;
        var tags = MpegTags.Locate(bytes);
        var walker = new Walker(bytes, tags.End);
        if (walker.FindFrame(tags.Start) is not { } start)
            return null;

        var header = walker.HeaderAt(start)!.Value;
        var infoLength = walker.LengthOf(start, header);
        var info = infoLength > 0 ? ReadInfo(bytes, start, infoLength, header) : null;
        var walk = new FrameWalk(bytes, walker, header, tags.End, info is null ? start : start + infoLength, start - tags.Start);
        walk.Run();

        // A few sync-like words in random bytes are not a stream: most of the region must be frames.
        var frameBytes = walk.Runs.Sum(r => r.Length);
        if (walk.Frames == 0 && info is null || walk.Skipped > frameBytes)
            return null;
        return new MpegLayout(header, tags, info, start, walk.Runs, walk.Frames, new MpegIrregularities(walk.Skipped, walk.PartialBytes,
            walk.PartialLength, walk.ChannelsChangeAt, walk.FramesWithoutMainData));
    }

    private static bool StartsWithOtherContainer(FileBytes bytes)
    {
        Span<byte> magic = stackalloc byte[4];
        if (bytes.Read(0, magic) < 4)
            return false;
        foreach (var other in OtherContainers)
        {
            if (magic.SequenceEqual(other))
                return true;
        }
        return false;
    }

    private static InfoFrame? ReadInfo(FileBytes bytes, long start, int length, MpegFrameHeader header)
    {
        var frame = new byte[length];
        return bytes.Read(start, frame) == length && header.Layer == 3 ? InfoFrame.TryParse(frame, header) : null;
    }

    /// <summary>Follows the frames from the first audio frame to the end of the tagged region, noting what is irregular.</summary>
    private sealed class FrameWalk(FileBytes bytes, Walker walker, MpegFrameHeader first, long end, long audioStart, long skippedBefore)
    {
        private readonly List<ByteRange> _runs = [];
        private long _reservoir;
        private bool _mainDataSeen;

        public IReadOnlyList<ByteRange> Runs => _runs.Count > 0 ? _runs : [new ByteRange(audioStart, audioStart)];
        public long Frames { get; private set; }
        public long Skipped { get; private set; } = skippedBefore;
        public int PartialBytes { get; private set; }
        public int PartialLength { get; private set; }
        public long? ChannelsChangeAt { get; private set; }
        public int FramesWithoutMainData { get; private set; }

        public void Run()
        {
            long position = audioStart, runStart = audioStart;
            while (position < end)
            {
                if (walker.HeaderAt(position) is { } h && h.SameStreamAs(first))
                {
                    var length = walker.LengthOf(position, h);
                    if (length > 0 && position + length <= end)
                    {
                        Count(position, h, length);
                        position += length;
                        continue;
                    }
                    if (length > 0 || walker.IsLastSync(position))
                    {
                        (PartialBytes, PartialLength) = ((int)(end - position), length);
                        break;
                    }
                }
                else if (end - position < MpegFrameHeader.Size && bytes.ByteAt(position) == 0xFF)
                {
                    PartialBytes = (int)(end - position); // the file ends inside a frame header
                    break;
                }
                AddRun(runStart, position);
                var resync = walker.FindFrame(position + 1);
                Skipped += (resync ?? end) - position;
                if (resync is null)
                    return;
                position = runStart = resync.Value;
            }
            AddRun(runStart, position);
        }

        private void Count(long position, MpegFrameHeader h, int length)
        {
            if (h.Channels != first.Channels)
                ChannelsChangeAt ??= Frames;
            if (h.Layer == 3 && !_mainDataSeen)
            {
                // main_data_begin: how far back in earlier frames this frame's data starts (the bit reservoir).
                var mainDataBegin = MainDataBegin(position, h);
                if (mainDataBegin > _reservoir)
                    FramesWithoutMainData++;
                else
                    _mainDataSeen = true;
                _reservoir += length - MpegFrameHeader.Size - (h.HasCrc ? 2 : 0) - h.SideInfoLength;
            }
            Frames++;
        }

        private int MainDataBegin(long position, MpegFrameHeader h)
        {
            var at = position + MpegFrameHeader.Size + (h.HasCrc ? 2 : 0);
            return h.Version == MpegVersion.Mpeg1 ? bytes.ByteAt(at) << 1 | bytes.ByteAt(at + 1) >> 7 : bytes.ByteAt(at);
        }

        private void AddRun(long from, long to)
        {
            if (to > from)
                _runs.Add(new ByteRange(from, to));
        }
    }

    /// <summary>Header reading and sync search over one region, with the stream's free-format frame length once known.</summary>
    private sealed class Walker(FileBytes bytes, long end)
    {
        private int _freeFormatLength;

        public MpegFrameHeader? HeaderAt(long position)
        {
            Span<byte> header = stackalloc byte[MpegFrameHeader.Size];
            return position + MpegFrameHeader.Size <= end && bytes.Read(position, header) == MpegFrameHeader.Size
                ? MpegFrameHeader.TryParse(header)
                : null;
        }

        /// <summary>The frame's length; for free format, measured once from the distance to the next sync.</summary>
        public int LengthOf(long position, MpegFrameHeader header)
        {
            if (!header.IsFreeFormat)
                return header.FrameLength;
            if (_freeFormatLength == 0)
                _freeFormatLength = MeasureFreeFormat(position, header);
            return _freeFormatLength == 0 ? 0 : _freeFormatLength + (header.Padded ? header.SlotBytes : 0);
        }

        /// <summary>True when no further sync of this stream follows <paramref name="position"/> (a free-format last frame).</summary>
        public bool IsLastSync(long position) => NextSameStreamSync(position, HeaderAt(position)!.Value) < 0;

        private int MeasureFreeFormat(long position, MpegFrameHeader header)
        {
            var next = NextSameStreamSync(position, header);
            if (next < 0)
                return 0;
            // The measured frame's own padding slot is not part of the unpadded length.
            return (int)(next - position) - (header.Padded ? header.SlotBytes : 0);
        }

        private long NextSameStreamSync(long position, MpegFrameHeader header)
        {
            var limit = Math.Min(end - MpegFrameHeader.Size, position + MaxFrameLength * 2);
            for (var candidate = position + MpegFrameHeader.Size + header.SideInfoLength; candidate <= limit; candidate++)
            {
                if (bytes.ByteAt(candidate) == 0xFF && HeaderAt(candidate) is { IsFreeFormat: true } h && h.SameStreamAs(header)
                    && h.ChannelMode == header.ChannelMode)
                    return candidate;
            }
            return -1;
        }

        /// <summary>The first position at or after <paramref name="from"/> where a confirmed frame starts.</summary>
        public long? FindFrame(long from)
        {
            for (var position = from; position + MpegFrameHeader.Size <= end; position++)
            {
                if (bytes.ByteAt(position) != 0xFF || HeaderAt(position) is not { } header)
                    continue;
                var length = LengthOf(position, header);
                if (length <= 0)
                {
                    if (header.IsFreeFormat)
                        _freeFormatLength = 0; // measured from a false sync: forget it
                    continue;
                }
                var next = position + length;
                if (next == end || (next + MpegFrameHeader.Size <= end && HeaderAt(next) is { } following && following.SameStreamAs(header)))
                    return position;
                // A frame the file ends inside of is still the stream's first frame when nothing else follows.
                if (next > end && position == from)
                    return position;
                if (header.IsFreeFormat)
                    _freeFormatLength = 0;
            }
            return null;
        }
    }
}
