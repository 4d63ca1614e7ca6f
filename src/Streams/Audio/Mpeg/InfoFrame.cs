using System.Buffers.Binary;

namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>
/// What an encoder wrote into the first frame of a stream instead of audio: a Xing ("Xing" for VBR, "Info" for CBR)
/// or Fraunhofer VBRI header with the stream's frame count, and LAME's extension with the encoder delay and padding
/// that gapless decoding removes. The frame count is exact evidence of the stream's length; a size-based estimate
/// is not (it counts tag bytes as audio).
/// </summary>
public sealed record InfoFrame(string Kind, long? Frames, long? Bytes, string? Encoder, int EncoderDelay, int EncoderPadding)
{
    private const int VbriOffset = 36;

    public bool HasGaplessInfo => Encoder is not null;

    /// <summary>Reads the header in <paramref name="frame"/> (one whole frame, header included), or null if there is none.</summary>
    public static InfoFrame? TryParse(ReadOnlySpan<byte> frame, MpegFrameHeader header)
    {
        var xing = MpegFrameHeader.Size + (header.HasCrc ? 2 : 0) + header.SideInfoLength;
        if (frame.Length >= xing + 8 && (frame[xing..].StartsWith("Xing"u8) || frame[xing..].StartsWith("Info"u8)))
            return ParseXing(frame, xing);
        if (frame.Length >= VbriOffset + 18 && frame[VbriOffset..].StartsWith("VBRI"u8))
            return new InfoFrame("VBRI", BinaryPrimitives.ReadUInt32BigEndian(frame[(VbriOffset + 14)..]),
                BinaryPrimitives.ReadUInt32BigEndian(frame[(VbriOffset + 10)..]), null, 0, 0);
        return null;
    }

    private static InfoFrame ParseXing(ReadOnlySpan<byte> frame, int at)
    {
        var kind = frame[at] == 'X' ? "Xing" : "Info";
        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 4)..]);
        var position = at + 8;
        long? frames = null, bytes = null;
        if ((flags & 1) != 0 && position + 4 <= frame.Length)
        {
            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
            position += 4;
        }
        if ((flags & 2) != 0 && position + 4 <= frame.Length)
        {
            bytes = BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
            position += 4;
        }
        if ((flags & 4) != 0)
            position += 100; // seek table
        if ((flags & 8) != 0)
            position += 4; // quality

        // LAME's extension (also written by ffmpeg as "Lavc"/"Lavf"): a 9-byte encoder string, then the delay and
        // padding as two 12-bit numbers at bytes 21..23. mpg123 and ffmpeg read it whenever it is there.
        if (position + 24 > frame.Length || !IsEncoderName(frame.Slice(position, 4)))
            return new InfoFrame(kind, frames, bytes, null, 0, 0);
        var encoder = System.Text.Encoding.ASCII.GetString(frame.Slice(position, 9)).TrimEnd(' ', '\0');
        var delay = frame[position + 21] << 4 | frame[position + 22] >> 4;
        var padding = (frame[position + 22] & 0x0F) << 8 | frame[position + 23];
        return new InfoFrame(kind, frames, bytes, encoder, delay, padding);
    }

    private static bool IsEncoderName(ReadOnlySpan<byte> first4)
    {
        foreach (var b in first4)
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }
        return true;
    }
}
