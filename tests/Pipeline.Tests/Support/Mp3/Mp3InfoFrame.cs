using System.Buffers.Binary;
using System.Text;

namespace Pipeline.Tests.Support.Mp3;

/// <summary>
/// The encoder's summary frame at the start of a stream: "Xing" (VBR) or "Info" (CBR) after the side information,
/// or Fraunhofer's "VBRI" 32 bytes after the header, with the LAME extension's encoder delay and padding when present.
/// </summary>
public sealed record Mp3InfoFrame(string Kind, int? Frames, int? Bytes, string? Encoder, int? EncoderDelay, int? EncoderPadding)
{
    private const int XingFramesFlag = 1, XingBytesFlag = 2, XingTocFlag = 4, XingQualityFlag = 8;

    /// <summary>The summary frame's content if <paramref name="frame"/> is one, else null.</summary>
    public static Mp3InfoFrame? Read(byte[] data, Mp3Frame frame)
    {
        var body = data.AsSpan(frame.Offset, frame.Length);
        var vbri = 4 + 32;
        if (body.Length >= vbri + 18 && body.Slice(vbri, 4).SequenceEqual("VBRI"u8))
            return new Mp3InfoFrame("VBRI", BinaryPrimitives.ReadInt32BigEndian(body[(vbri + 14)..]),
                BinaryPrimitives.ReadInt32BigEndian(body[(vbri + 10)..]), null, null, null);

        var at = 4 + (frame.Header.HasCrc ? 2 : 0) + frame.Header.SideInfoSize;
        if (body.Length < at + 8)
            return null;
        var kind = Encoding.ASCII.GetString(body.Slice(at, 4));
        if (kind is not ("Xing" or "Info"))
            return null;
        var flags = BinaryPrimitives.ReadInt32BigEndian(body[(at + 4)..]);
        var position = at + 8;
        int? frames = null, bytes = null;
        if ((flags & XingFramesFlag) != 0)
        {
            frames = BinaryPrimitives.ReadInt32BigEndian(body[position..]);
            position += 4;
        }
        if ((flags & XingBytesFlag) != 0)
        {
            bytes = BinaryPrimitives.ReadInt32BigEndian(body[position..]);
            position += 4;
        }
        position += (flags & XingTocFlag) != 0 ? 100 : 0;
        position += (flags & XingQualityFlag) != 0 ? 4 : 0;

        // The LAME extension: 9 characters of encoder version, then at byte 21 of it 12 bits of delay, 12 of padding.
        if (body.Length < position + 24 || !body.Slice(position, 4).SequenceEqual("LAME"u8) && !body.Slice(position, 4).SequenceEqual("Lavf"u8))
            return new Mp3InfoFrame(kind, frames, bytes, null, null, null);
        var encoder = Encoding.ASCII.GetString(body.Slice(position, 9)).TrimEnd('\0', ' ');
        var d = body.Slice(position + 21, 3);
        return new Mp3InfoFrame(kind, frames, bytes, encoder, (d[0] << 4) | (d[1] >> 4), ((d[1] & 0x0F) << 8) | d[2]);
    }
}
