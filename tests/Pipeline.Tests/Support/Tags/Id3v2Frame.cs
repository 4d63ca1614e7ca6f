using System.Text;

namespace Pipeline.Tests.Support.Tags;

/// <summary>The text encodings an ID3v2 frame declares in its first body byte (UTF-8 exists only in v2.4).</summary>
public enum Id3TextEncoding : byte
{
    Latin1 = 0,
    Utf16 = 1,
    Utf8 = 3,
}

/// <summary>One ID3v2 frame: its four-character id and the body that follows the 10-byte frame header.</summary>
public abstract record Id3v2Frame(string Id)
{
    public abstract byte[] Body();

    internal static byte[] Encode(string text, Id3TextEncoding encoding) => encoding switch
    {
        Id3TextEncoding.Latin1 => Encoding.Latin1.GetBytes(text),
        Id3TextEncoding.Utf16 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
        Id3TextEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not an ID3v2 text encoding"),
    };

    internal static byte[] Terminator(Id3TextEncoding encoding) => encoding == Id3TextEncoding.Utf16 ? [0, 0] : [0];
}

/// <summary>
/// A T*** text frame. Like lame and the real dataset files, the text carries no terminating null.
/// </summary>
public sealed record Id3TextFrame(string Id, string Text, Id3TextEncoding Encoding = Id3TextEncoding.Latin1) : Id3v2Frame(Id)
{
    public override byte[] Body() => [(byte)Encoding, .. Encode(Text, Encoding)];
}

/// <summary>COMM: encoding, three-letter language, a null-terminated description, then the text.</summary>
public sealed record Id3CommentFrame(string Language, string Description, string Text, Id3TextEncoding Encoding = Id3TextEncoding.Latin1)
    : Id3v2Frame("COMM")
{
    public override byte[] Body()
    {
        if (Language.Length != 3)
            throw new ArgumentException($"COMM language must be three characters, got '{Language}'", nameof(Language));
        return [(byte)Encoding, .. System.Text.Encoding.Latin1.GetBytes(Language), .. Encode(Description, Encoding), .. Terminator(Encoding),
            .. Encode(Text, Encoding)];
    }
}

/// <summary>A W*** URL frame (e.g. WPAY in the 7digital previews): Latin-1 text with no encoding byte.</summary>
public sealed record Id3UrlFrame(string Id, string Url) : Id3v2Frame(Id)
{
    public override byte[] Body() => System.Text.Encoding.Latin1.GetBytes(Url);
}

/// <summary>APIC: encoding, null-terminated MIME type, picture type, null-terminated description, picture bytes.</summary>
public sealed record Id3PictureFrame(string MimeType, byte PictureType, string Description, byte[] Picture,
    Id3TextEncoding Encoding = Id3TextEncoding.Latin1) : Id3v2Frame("APIC")
{
    /// <summary>Picture type 3 of the ID3v2 specification.</summary>
    public const byte FrontCover = 3;

    public override byte[] Body() => [(byte)Encoding, .. System.Text.Encoding.Latin1.GetBytes(MimeType), 0, PictureType,
        .. Encode(Description, Encoding), .. Terminator(Encoding), .. Picture];

    /// <summary>
    /// Bytes shaped like a baseline JPEG of exactly <paramref name="size"/> bytes: SOI, a JFIF APP0 segment,
    /// entropy-coded-looking bytes in which every 0xFF is stuffed with 0x00 (as in a real JPEG, so no MPEG sync
    /// word appears inside), and EOI.
    /// </summary>
    public static byte[] JpegLike(int size, int seed = 1)
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        if (size < head.Length + 2)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"a JPEG-like picture needs at least {head.Length + 2} bytes");
        var picture = new byte[size];
        head.CopyTo(picture, 0);
        var random = new Random(seed);
        for (var i = head.Length; i < size - 2; i++)
        {
            picture[i] = (byte)random.Next(256);
            if (picture[i] == 0xFF && i + 1 < size - 2)
                picture[++i] = 0x00;
        }
        if (picture[size - 3] == 0xFF)
            picture[size - 3] = 0xFE;
        picture[size - 2] = 0xFF;
        picture[size - 1] = 0xD9;
        return picture;
    }
}
