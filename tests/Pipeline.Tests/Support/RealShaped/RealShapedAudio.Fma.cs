using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>What follows the audio of an FMA-shaped track, before its ID3v1 tag.</summary>
public enum FmaTrailer
{
    /// <summary>An APEv2 tag (header, items, footer), as ReplayGain taggers add.</summary>
    Ape,

    /// <summary>The APEv2 tag, then a second ID3v2.4 tag appended at the end with a "3DI" footer.</summary>
    ApeAndAppendedId3v2,

    /// <summary>The APEv2 tag, then a Lyrics3v2 tag.</summary>
    ApeAndLyrics3v2,
}

public static partial class RealShapedAudio
{
    public const int FmaPictureBytes = 50_000;

    /// <summary>
    /// A Free Music Archive track as the FMA description has them: ID3v2.4 (UTF-8 text, syncsafe frame sizes, 2,048 bytes
    /// of padding) with an APIC front cover of <paramref name="pictureBytes"/> bytes of picture, 44.1 kHz joint stereo
    /// VBR (lame -V 2) with a Xing frame and LAME extension, then the trailer's tags and an ID3v1.1 tag.
    /// </summary>
    public static RealShapedFile FmaTrack(string directory, FmaTrailer trailer = FmaTrailer.Ape, double seconds = 30,
        int pictureBytes = FmaPictureBytes, FixtureSignal? signal = null)
    {
        const int rate = 44_100;
        var audio = LameEncodes.Encode(signal ?? FixtureSignal.ThenNoise(FixtureSignal.CMajor, Math.Min(5, seconds / 3)), rate, 2,
            Samples(seconds, rate), "-V", "2");
        var leading = Id3v2Writer.Write(new Id3v2Tag(4, DatasetTags.FmaFrames(pictureBytes), Padding: 2048));
        var ape = ApeTagWriter.Write(DatasetTags.FmaApeItems);
        byte[] extra = trailer switch
        {
            FmaTrailer.Ape => [],
            FmaTrailer.ApeAndAppendedId3v2 => Id3v2Writer.WriteAppended(
                [new Id3TextFrame("TXXX", "fixture\0appended at the end", Id3TextEncoding.Utf8), new Id3TextFrame("TIT2", "Appended Title", Id3TextEncoding.Utf8)]),
            FmaTrailer.ApeAndLyrics3v2 => Lyrics3v2Writer.Write(DatasetTags.FmaLyrics),
            _ => throw new ArgumentOutOfRangeException(nameof(trailer), trailer, null),
        };
        var path = TaggedFile.Write(Path.Combine(directory, $"fma-{trailer}.mp3".ToLowerInvariant()), leading, audio, ape, extra, DatasetTags.FmaId3v1());
        return IndependentCounts.Mpeg(path);
    }
}
