using System.Buffers.Binary;

namespace Pipeline.Tests.Support.Tags;

/// <summary>
/// An ID3v2 tag to write: major version 3 or 4, its frames in order, zero padding after them, and (v2.4 only) a
/// footer, which the specification requires of a tag appended at the end of a file and forbids together with padding.
/// </summary>
public sealed record Id3v2Tag(int Version, IReadOnlyList<Id3v2Frame> Frames, int Padding = 0, bool Footer = false);

/// <summary>
/// Writes ID3v2.3 and ID3v2.4 tags byte for byte: 10-byte header with a syncsafe size that excludes header and footer;
/// frame sizes plain big-endian in v2.3 and syncsafe in v2.4; no unsynchronisation, no extended header.
/// </summary>
public static class Id3v2Writer
{
    private const byte FooterFlag = 0x10;

    public static byte[] Write(Id3v2Tag tag)
    {
        if (tag.Version is not (3 or 4))
            throw new ArgumentOutOfRangeException(nameof(tag), tag.Version, "ID3v2 major version must be 3 or 4");
        if (tag.Footer && tag.Version != 4)
            throw new ArgumentException("only ID3v2.4 defines a footer", nameof(tag));
        if (tag.Footer && tag.Padding > 0)
            throw new ArgumentException("ID3v2.4 forbids padding in a tag that has a footer", nameof(tag));
        if (tag.Padding < 0)
            throw new ArgumentOutOfRangeException(nameof(tag), tag.Padding, "padding cannot be negative");

        using var frames = new MemoryStream();
        foreach (var frame in tag.Frames)
            WriteFrame(frames, frame, tag.Version);
        var size = checked((int)frames.Length + tag.Padding);
        var flags = tag.Footer ? FooterFlag : (byte)0;

        using var output = new MemoryStream();
        output.Write(Header("ID3"u8, tag.Version, flags, size));
        frames.Position = 0;
        frames.CopyTo(output);
        output.Write(new byte[tag.Padding]);
        if (tag.Footer)
            output.Write(Header("3DI"u8, tag.Version, flags, size));
        return output.ToArray();
    }

    /// <summary>A v2.4 tag with a "3DI" footer, for appending at the end of a file (before any ID3v1 tag).</summary>
    public static byte[] WriteAppended(IReadOnlyList<Id3v2Frame> frames) => Write(new Id3v2Tag(4, frames, Footer: true));

    /// <summary>Seven bits per byte, most significant first: no byte of the size can look like a sync word.</summary>
    public static byte[] Syncsafe(int value)
    {
        if (value is < 0 or >= 1 << 28)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a syncsafe integer holds 28 bits");
        return [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];
    }

    private static byte[] Header(ReadOnlySpan<byte> magic, int version, byte flags, int size) =>
        [.. magic, (byte)version, 0, flags, .. Syncsafe(size)];

    private static void WriteFrame(Stream output, Id3v2Frame frame, int version)
    {
        if (frame.Id.Length != 4 || !frame.Id.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9'))
            throw new ArgumentException($"'{frame.Id}' is not an ID3v2.3/2.4 frame id", nameof(frame));
        var body = frame.Body();
        output.Write(System.Text.Encoding.ASCII.GetBytes(frame.Id));
        if (version == 4)
        {
            output.Write(Syncsafe(body.Length));
        }
        else
        {
            Span<byte> size = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, body.Length);
            output.Write(size);
        }
        output.Write([0, 0]);
        output.Write(body);
    }
}
