namespace Pipeline.Tests.Support.Mp3;

/// <summary>One frame in a stream: where it starts, its length, its header, and whether the stream holds all of it.</summary>
public sealed record Mp3Frame(int Offset, int Length, MpegFrameHeader Header, bool Complete)
{
    public int End => Offset + Length;
}

/// <summary>The frames found from a start offset, and where the walk stopped (end of range, or bytes that are no frame).</summary>
public sealed record Mp3FrameWalk(IReadOnlyList<Mp3Frame> Frames, int StoppedAt);

/// <summary>
/// Walks MPEG audio frames header to header, without resynchronising: a walk stops at the first bytes that are not a
/// frame header of the same stream, which is how tests find junk and cut points. Free-format frames (bitrate index 0)
/// get their length from the distance to the next matching header, as decoders do.
/// </summary>
public static class Mp3FrameScanner
{
    public static Mp3FrameWalk Walk(byte[] data, int start, int end)
    {
        var frames = new List<Mp3Frame>();
        var position = start;
        MpegFrameHeader? first = null;
        int? freeFormatLength = null;
        while (position + 4 <= end && MpegFrameHeader.TryParse(data.AsSpan(position, 4), out var header))
        {
            if (first is { } stream && !stream.SameStreamAs(header))
                break;
            first ??= header;
            int length;
            if (header.IsFreeFormat)
            {
                freeFormatLength ??= FreeFormatLength(data, position, end, header);
                if (freeFormatLength is null)
                    break;
                length = freeFormatLength.Value + (header.Padded ? 1 : 0);
            }
            else
            {
                length = header.Length!.Value;
            }
            if (position + length > end)
            {
                frames.Add(new Mp3Frame(position, end - position, header, Complete: false));
                position = end;
                break;
            }
            frames.Add(new Mp3Frame(position, length, header, Complete: true));
            position += length;
        }
        return new Mp3FrameWalk(frames, position);
    }

    /// <summary>All frames between the tags of a file whose audio spans [start, end).</summary>
    public static IReadOnlyList<Mp3Frame> Frames(byte[] data, long start, long end)
    {
        var walk = Walk(data, (int)start, (int)end);
        if (walk.StoppedAt != end)
            throw new InvalidDataException($"no MPEG frame header at byte {walk.StoppedAt} (audio runs from {start} to {end})");
        return walk.Frames;
    }

    /// <summary>
    /// Layer III main_data_begin: how many bytes before this frame's side information its main data starts, in the
    /// bit reservoir of earlier frames (9 bits in MPEG-1, 8 bits in MPEG-2 and 2.5).
    /// </summary>
    public static int MainDataBegin(byte[] data, Mp3Frame frame)
    {
        var at = frame.Offset + 4 + (frame.Header.HasCrc ? 2 : 0);
        return frame.Header.Version == MpegVersion.Mpeg1 ? (data[at] << 1) | (data[at + 1] >> 7) : data[at];
    }

    /// <summary>
    /// The unpadded length of a free-format frame: the distance to the next header of the same stream, accepted only
    /// when one more header follows at the same distance (a lone match may be a sync pattern inside the audio data).
    /// </summary>
    private static int? FreeFormatLength(byte[] data, int position, int end, MpegFrameHeader header)
    {
        for (var next = position + 4; next + 4 <= end; next++)
        {
            if (!IsFreeFormatOf(data, next, end, header, out var candidate))
                continue;
            var unpadded = next - position - (header.Padded ? 1 : 0);
            var after = next + unpadded + (candidate.Padded ? 1 : 0);
            if (after + 4 > end || IsFreeFormatOf(data, after, end, header, out _))
                return unpadded;
        }
        return null;
    }

    private static bool IsFreeFormatOf(byte[] data, int at, int end, MpegFrameHeader stream, out MpegFrameHeader header) =>
        MpegFrameHeader.TryParse(data.AsSpan(at, Math.Min(4, end - at)), out header) && header.SameStreamAs(stream) &&
        header.IsFreeFormat;
}
