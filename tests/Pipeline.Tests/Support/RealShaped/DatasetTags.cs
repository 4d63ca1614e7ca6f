using System.Globalization;
using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>
/// The strings a MagnaTagATune clip's tags carry. The defaults are those of the real clip
/// joram-moments_of_clarity-08-solipsism-59-88.mp3, so that with them the ID3v2 tag is the real one's 589 bytes.
/// </summary>
public sealed record MtatClipText(string Artist = "Joram", string Album = "Moments of Clarity", string Title = "solipsism",
    string AlbumSlug = "joram-moments");

/// <summary>The tag sets of the real datasets' files, frame for frame (see RealShapedAudio for the measured files).</summary>
public static class DatasetTags
{
    /// <summary>What lame 3.98.2 wrote into TSSE for the MagnaTagATune encodes.</summary>
    public const string MtatEncoder = "LAME 32bits version 3.98.2 (http://www.mp3dev.org/)";

    public static string MtatComment(int rangeStart, int rangeEnd, string albumSlug) =>
        "This excerpt (range [" + rangeStart.ToString(CultureInfo.InvariantCulture) + ", " + rangeEnd.ToString(CultureInfo.InvariantCulture) +
        "] from the original) is for research purposes only. It is part of the tagatune dataset: http://tagatune.org/Datasets.html - " +
        "The original track is released under a Creative Commons v1.0 by-nc-sa license http://creativecommons.org/licenses/by-nc-sa/1.0/ " +
        "by Magnatune.com and is available here for purchase and commercial licensing: http://www.magnatune.com/artists/albums/" +
        albumSlug + "/";

    /// <summary>
    /// ID3v2.3, Latin-1, no padding: TSSE, COMM (language "XXX", empty description), TPE1, TALB, TIT2 "title (EXCERPT)",
    /// TLEN in milliseconds.
    /// </summary>
    public static byte[] MtatId3v2(MtatClipText text, int rangeStart, int rangeEnd) => Id3v2Writer.Write(new Id3v2Tag(3,
    [
        new Id3TextFrame("TSSE", MtatEncoder),
        new Id3CommentFrame("XXX", "", MtatComment(rangeStart, rangeEnd, text.AlbumSlug)),
        new Id3TextFrame("TPE1", text.Artist),
        new Id3TextFrame("TALB", text.Album),
        new Id3TextFrame("TIT2", $"{text.Title} (EXCERPT)"),
        new Id3TextFrame("TLEN", ((rangeEnd - rangeStart) * 1000).ToString(CultureInfo.InvariantCulture)),
    ]));

    /// <summary>ID3v1.0: no year, the comment cut to 30 characters, genre 255.</summary>
    public static byte[] MtatId3v1(MtatClipText text, int rangeStart, int rangeEnd) => Id3v1Writer.Write(new Id3v1Tag(
        $"{text.Title} (EXCERPT)", text.Artist, text.Album, Comment: MtatComment(rangeStart, rangeEnd, text.AlbumSlug)));

    /// <summary>
    /// The 7digital preview's ID3v2.3 (TRWJAZW128F42760DD): TALB, TIT2, TPE1, TRCK, COMM (eng), TYER, TCOP, WPAY, TPUB,
    /// then 1,024 bytes of padding, 1,286 bytes in all.
    /// </summary>
    public static byte[] MsdId3v2() => Id3v2Writer.Write(new Id3v2Tag(3,
    [
        new Id3TextFrame("TALB", "Screamin' And Cryin' - Live in Warsaw 1976"),
        new Id3TextFrame("TIT2", "After Hours"),
        new Id3TextFrame("TPE1", "Muddy Waters"),
        new Id3TextFrame("TRCK", "4"),
        new Id3CommentFrame("eng", "", "Acrobat Music"),
        new Id3TextFrame("TYER", "2005"),
        new Id3TextFrame("TCOP", "2004 Acrobat Music Ltd"),
        new Id3UrlFrame("WPAY", "http://www.7digital.com"),
        new Id3TextFrame("TPUB", "2004 Acrobat Music Ltd"),
    ], Padding: 1024));

    /// <summary>ID3v1.1 with track 4, no year, genre 255.</summary>
    public static byte[] MsdId3v1() => Id3v1Writer.Write(new Id3v1Tag("After Hours", "Muddy Waters",
        "Screamin' And Cryin' - Live in Warsaw 1976", Comment: "Acrobat Music", Track: 4));

    /// <summary>
    /// ID3v2.4 as FMA's tracks carry: UTF-8 text (with non-Latin-1 characters), TDRC, and an APIC front cover whose
    /// frame is far above 127 bytes, so that its syncsafe size differs from a plain one.
    /// </summary>
    public static IReadOnlyList<Id3v2Frame> FmaFrames(int pictureBytes) =>
    [
        new Id3TextFrame("TIT2", "Noël à Łódź — 夜", Id3TextEncoding.Utf8),
        new Id3TextFrame("TPE1", "Free Music Archive Artist", Id3TextEncoding.Utf8),
        new Id3TextFrame("TALB", "Fixture Album", Id3TextEncoding.Utf8),
        new Id3TextFrame("TDRC", "2016", Id3TextEncoding.Utf8),
        new Id3TextFrame("TCON", "Electronic", Id3TextEncoding.Utf8),
        new Id3TextFrame("TRCK", "3/12", Id3TextEncoding.Utf8),
        new Id3CommentFrame("eng", "", "http://freemusicarchive.org/", Id3TextEncoding.Utf8),
        new Id3PictureFrame("image/jpeg", Id3PictureFrame.FrontCover, "", Id3PictureFrame.JpegLike(pictureBytes)),
    ];

    public static IReadOnlyList<ApeItem> FmaApeItems { get; } =
    [
        new("Artist", "Free Music Archive Artist"),
        new("Title", "Noël à Łódź — 夜"),
        new("REPLAYGAIN_TRACK_GAIN", "-6.20 dB"),
        new("MP3GAIN_MINMAX", "088,214"),
    ];

    public static IReadOnlyList<Lyrics3Field> FmaLyrics { get; } =
    [
        new("IND", "11"),
        new("LYR", "[00:01]la la la\r\n[00:05]la la la"),
        new("ETT", "Fixture Track"),
    ];

    public static byte[] FmaId3v1() => Id3v1Writer.Write(new Id3v1Tag("Noel a Lodz", "Free Music Archive Artist", "Fixture Album", "2016",
        "http://freemusicarchive.org/", Track: 3, Genre: 52));
}
