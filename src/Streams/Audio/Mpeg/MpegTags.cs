using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>The bytes between an MP3 file's leading and trailing tags, and the tags found around them.</summary>
public sealed record TaggedRegion(long Start, long End, IReadOnlyList<string> Tags);

/// <summary>
/// Finds the metadata tags around an MPEG audio stream, so that neither the frame scan nor a decoder mistakes tag
/// bytes for audio (or for a cut-off frame): ID3v2 at the start (ID3v2.4 with or without footer), and at the end, in
/// any order, ID3v1 (and its "TAG+" extension), APEv1/APEv2, Lyrics3 v1/v2 and an appended ID3v2.4 with footer.
/// </summary>
public static class MpegTags
{
    private const int Id3v1Size = 128;
    private const int Id3v1ExtendedSize = 227;
    private const int ApeFooterSize = 32;
    private const int Id3v2HeaderSize = 10;
    private const int Lyrics3v1MaxSize = 5_100;

    public static TaggedRegion Locate(FileBytes bytes)
    {
        var tags = new List<string>();
        var start = SkipLeadingId3v2(bytes, tags);
        var end = bytes.Length;
        while (end > start && StripTrailingTag(bytes, start, ref end, tags))
        {
        }
        return new TaggedRegion(start, end, tags);
    }

    private static long SkipLeadingId3v2(FileBytes bytes, List<string> tags)
    {
        long position = 0;
        Span<byte> header = stackalloc byte[Id3v2HeaderSize];
        // Some taggers write a second ID3v2 tag after the first instead of replacing it.
        while (bytes.Read(position, header) == Id3v2HeaderSize && header.StartsWith("ID3"u8) && SyncSafe(header[6..]) is { } size)
        {
            var footer = (header[5] & 0x10) != 0 ? Id3v2HeaderSize : 0;
            var total = Id3v2HeaderSize + size + footer;
            tags.Add($"ID3v2.{header[3]} ({total} bytes)");
            position += total;
        }
        return Math.Min(position, bytes.Length);
    }

    private static bool StripTrailingTag(FileBytes bytes, long start, ref long end, List<string> tags)
    {
        var available = end - start;
        if (available >= Id3v1Size && Matches(bytes, end - Id3v1Size, "TAG"u8))
        {
            end -= Id3v1Size;
            tags.Add("ID3v1");
            if (end - start >= Id3v1ExtendedSize && Matches(bytes, end - Id3v1ExtendedSize, "TAG+"u8))
            {
                end -= Id3v1ExtendedSize;
                tags.Add("ID3v1 extended (TAG+)");
            }
            return true;
        }
        if (available >= ApeFooterSize && Matches(bytes, end - ApeFooterSize, "APETAGEX"u8))
        {
            Span<byte> footer = stackalloc byte[ApeFooterSize];
            bytes.Read(end - ApeFooterSize, footer);
            var version = BitConverter.ToInt32(footer[8..]);
            var size = (long)BitConverter.ToUInt32(footer[12..]);
            var hasHeader = (footer[23] & 0x80) != 0;
            var total = size + (hasHeader ? ApeFooterSize : 0);
            if (size < ApeFooterSize || total > available)
                return false;
            end -= total;
            tags.Add($"APEv{version / 1000} ({total} bytes)");
            return true;
        }
        if (available >= 15 && Matches(bytes, end - 9, "LYRICS200"u8) && Digits(bytes, end - 15, 6) is { } lyricsSize)
        {
            var tagStart = end - 15 - lyricsSize;
            if (tagStart < start || !Matches(bytes, tagStart, "LYRICSBEGIN"u8))
                return false;
            end = tagStart;
            tags.Add($"Lyrics3v2 ({lyricsSize + 15} bytes)");
            return true;
        }
        if (available >= 20 && Matches(bytes, end - 9, "LYRICSEND"u8))
        {
            var from = Math.Max(start, end - 9 - Lyrics3v1MaxSize);
            var tagStart = LastIndexOf(bytes, from, end - 9, "LYRICSBEGIN"u8);
            if (tagStart < 0)
                return false;
            end = tagStart;
            tags.Add("Lyrics3v1");
            return true;
        }
        if (available >= 2 * Id3v2HeaderSize && Matches(bytes, end - Id3v2HeaderSize, "3DI"u8))
        {
            Span<byte> footer = stackalloc byte[Id3v2HeaderSize];
            bytes.Read(end - Id3v2HeaderSize, footer);
            if (SyncSafe(footer[6..]) is not { } size || size + 2 * Id3v2HeaderSize > available)
                return false;
            end -= size + 2 * Id3v2HeaderSize;
            tags.Add($"ID3v2.{footer[3]} appended ({size + 2 * Id3v2HeaderSize} bytes)");
            return true;
        }
        return false;
    }

    /// <summary>A 28-bit "syncsafe" size (7 bits per byte), or null when a byte has its top bit set (not a tag).</summary>
    private static long? SyncSafe(ReadOnlySpan<byte> four)
    {
        if (((four[0] | four[1] | four[2] | four[3]) & 0x80) != 0)
            return null;
        return (long)four[0] << 21 | (long)four[1] << 14 | (long)four[2] << 7 | four[3];
    }

    private static bool Matches(FileBytes bytes, long offset, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[expected.Length];
        return bytes.Read(offset, actual) == expected.Length && actual.SequenceEqual(expected);
    }

    private static long? Digits(FileBytes bytes, long offset, int count)
    {
        Span<byte> text = stackalloc byte[count];
        if (bytes.Read(offset, text) != count)
            return null;
        long value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return null;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static long LastIndexOf(FileBytes bytes, long from, long to, ReadOnlySpan<byte> pattern)
    {
        var window = new byte[to - from];
        var read = bytes.Read(from, window);
        var index = window.AsSpan(0, read).LastIndexOf(pattern);
        return index < 0 ? -1 : from + index;
    }

}
