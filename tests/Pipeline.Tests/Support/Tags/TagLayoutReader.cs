using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pipeline.Tests.Support.Tags;

public enum TagKind
{
    Id3v2,
    Id3v2Appended,
    Id3v1,
    Ape,
    Lyrics3v2,
}

/// <summary>A tag's place in a file: kind, first byte, length in bytes.</summary>
public sealed record TagSpan(TagKind Kind, long Offset, int Size);

public sealed record Id3v2FrameInfo(string Id, int Size, byte[] Body);

/// <summary>An ID3v2 tag as found in a file: version, total size (header, frames, padding, footer), frames, padding.</summary>
public sealed record Id3v2Info(int Version, int TotalSize, bool HasFooter, int Padding, IReadOnlyList<Id3v2FrameInfo> Frames);

/// <summary>The tags around the audio of a file, and the byte range left for the audio between them.</summary>
public sealed record TagLayout(Id3v2Info? Leading, IReadOnlyList<TagSpan> Trailing, long AudioStart, long AudioEnd);

/// <summary>
/// Reads the tag layout of an audio file the way taggers find tags: an ID3v2 tag at the start, and from the end
/// backwards ID3v1 ("TAG" 128 bytes from the end), an appended ID3v2.4 tag ("3DI" footer), an APEv2 footer
/// ("APETAGEX"), a Lyrics3v2 tag ("LYRICS200"). Written independently of the writers so that tests can check them.
/// </summary>
public static class TagLayoutReader
{
    public static TagLayout Read(byte[] file)
    {
        var leading = file.AsSpan().StartsWith("ID3"u8) ? ReadId3v2(file, 0) : null;
        long start = leading?.TotalSize ?? 0;
        long end = file.Length;
        var trailing = new List<TagSpan>();
        while (end > start && TrailingTagEndingAt(file, end) is { } span && span.Offset >= start)
        {
            trailing.Insert(0, span);
            end = span.Offset;
        }
        return new TagLayout(leading, trailing, start, end);
    }

    /// <summary>The ID3v2 tag that starts at <paramref name="offset"/> (the "ID3" header).</summary>
    public static Id3v2Info ReadId3v2(byte[] file, long offset)
    {
        var at = (int)offset;
        var version = file[at + 3];
        var flags = file[at + 5];
        var size = Syncsafe(file.AsSpan(at + 6, 4));
        var hasFooter = (flags & 0x10) != 0;
        var frames = new List<Id3v2FrameInfo>();
        var position = at + 10;
        var framesEnd = at + 10 + size;
        while (position + 10 <= framesEnd && file[position] != 0)
        {
            var id = Encoding.ASCII.GetString(file, position, 4);
            var frameSize = version == 4 ? Syncsafe(file.AsSpan(position + 4, 4)) : BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position + 4, 4));
            if (frameSize < 0 || position + 10 + frameSize > framesEnd)
                throw new InvalidDataException($"ID3v2 frame {id} at {position} runs past the tag end {framesEnd}");
            frames.Add(new Id3v2FrameInfo(id, frameSize, file.AsSpan(position + 10, frameSize).ToArray()));
            position += 10 + frameSize;
        }
        var padding = framesEnd - position;
        if (file.AsSpan(position, padding).ContainsAnyExcept((byte)0))
            throw new InvalidDataException($"ID3v2 padding at {position} holds non-zero bytes");
        return new Id3v2Info(version, 10 + size + (hasFooter ? 10 : 0), hasFooter, padding, frames);
    }

    private static TagSpan? TrailingTagEndingAt(byte[] file, long end)
    {
        var span = file.AsSpan(0, (int)end);
        if (span.Length >= 128 && span[^128..].StartsWith("TAG"u8))
            return new TagSpan(TagKind.Id3v1, end - 128, 128);
        if (span.Length >= 10 && span[^10..].StartsWith("3DI"u8))
        {
            var size = Syncsafe(span.Slice(span.Length - 4, 4)) + 20;
            return new TagSpan(TagKind.Id3v2Appended, end - size, size);
        }
        if (span.Length >= 32 && span[^32..].StartsWith("APETAGEX"u8))
        {
            var footer = span[^32..];
            var size = BinaryPrimitives.ReadInt32LittleEndian(footer[12..]);
            var hasHeader = (BinaryPrimitives.ReadUInt32LittleEndian(footer[20..]) & (1u << 31)) != 0;
            size += hasHeader ? 32 : 0;
            return new TagSpan(TagKind.Ape, end - size, size);
        }
        if (span.Length >= 15 && span[^9..].SequenceEqual("LYRICS200"u8))
        {
            var size = int.Parse(Encoding.ASCII.GetString(span.Slice(span.Length - 15, 6)), CultureInfo.InvariantCulture) + 15;
            return new TagSpan(TagKind.Lyrics3v2, end - size, size);
        }
        return null;
    }

    private static int Syncsafe(ReadOnlySpan<byte> bytes) => (bytes[0] << 21) | (bytes[1] << 14) | (bytes[2] << 7) | bytes[3];
}
