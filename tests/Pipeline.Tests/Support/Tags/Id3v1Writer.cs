using System.Text;

namespace Pipeline.Tests.Support.Tags;

/// <summary>
/// The 128-byte ID3v1 tag at the very end of a file. With a <see cref="Track"/> it is ID3v1.1 (28-byte comment, a zero
/// byte, the track); without, ID3v1.0 with a 30-byte comment, as in the MagnaTagATune clips. Genre 255 means none.
/// </summary>
public sealed record Id3v1Tag(string Title, string Artist, string Album, string Year = "", string Comment = "", byte? Track = null,
    byte Genre = 255);

public static class Id3v1Writer
{
    public const int Size = 128;

    /// <summary>Latin-1 fields, cut to their width and filled with zero bytes (not spaces), as lame writes them.</summary>
    public static byte[] Write(Id3v1Tag tag)
    {
        var bytes = new byte[Size];
        "TAG"u8.CopyTo(bytes);
        Field(tag.Title, bytes, 3, 30);
        Field(tag.Artist, bytes, 33, 30);
        Field(tag.Album, bytes, 63, 30);
        Field(tag.Year, bytes, 93, 4);
        if (tag.Track is { } track)
        {
            Field(tag.Comment, bytes, 97, 28);
            bytes[125] = 0;
            bytes[126] = track;
        }
        else
        {
            Field(tag.Comment, bytes, 97, 30);
        }
        bytes[127] = tag.Genre;
        return bytes;
    }

    private static void Field(string text, byte[] tag, int offset, int width)
    {
        var encoded = Encoding.Latin1.GetBytes(text);
        encoded.AsSpan(0, Math.Min(width, encoded.Length)).CopyTo(tag.AsSpan(offset, width));
    }
}
