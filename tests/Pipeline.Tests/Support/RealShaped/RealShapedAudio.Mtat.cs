using System.Globalization;
using Pipeline.Tests.Support.Mp3;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>How a MagnaTagATune-shaped excerpt's audio is made.</summary>
public enum MtatCut
{
    /// <summary>
    /// As the real clips were: the excerpt encoded on its own by lame (first frame's main_data_begin is 0, lame's
    /// 1,105 samples of encoder and decoder delay lead the decoded audio), no Info frame because lame cannot fit one
    /// in a 144-byte frame.
    /// </summary>
    Encoded,

    /// <summary>
    /// Whole frames cut out of the middle of a longer encode, starting at a frame whose main data begins in the frame
    /// before: the first frame of the excerpt lacks part of its data.
    /// </summary>
    FrameCut,
}

public static partial class RealShapedAudio
{
    public const int MtatRate = 16_000;

    /// <summary>
    /// Seconds of source per MagnaTagATune excerpt. The real clips come from 29.000 s (TLEN 29000) encoded by lame
    /// 3.98.2 into 809 frames; lame 3.100 makes 808 frames of that, and 809 from 29.02 s, the real clips' 465,984
    /// decoded samples and 117,213 bytes.
    /// </summary>
    public const double MtatSourceSeconds = 29.02;

    /// <summary>
    /// A MagnaTagATune clip: ID3v2.3 exactly like the real ones (589 bytes with the default <paramref name="text"/>
    /// and range), MPEG-2 Layer III 16 kHz mono CBR 32 kbps frames with header FF F3 48 C0 (not "original", as in the
    /// real clips), no Xing/Info/LAME frame, and a 128-byte ID3v1.0 tag. The range is [start, start + round(seconds)].
    /// </summary>
    public static RealShapedFile MtatExcerpt(string directory, int rangeStart = 59, double seconds = MtatSourceSeconds,
        FixtureSignal? signal = null, MtatCut cut = MtatCut.Encoded, MtatClipText? text = null)
    {
        text ??= new MtatClipText();
        signal ??= FixtureSignal.Tone(440);
        var rangeEnd = rangeStart + (int)Math.Round(seconds);
        var samples = Samples(seconds, MtatRate);
        string[] lame = ["-b", "32", "-m", "m", "-o"];
        var audio = cut switch
        {
            MtatCut.Encoded => LameEncodes.Encode(signal, MtatRate, 1, samples, lame),
            MtatCut.FrameCut => CutFromLongerEncode(signal, rangeStart, samples, lame),
            _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
        };
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{Slug(text.Artist)}-{Slug(text.Album)}-08-{Slug(text.Title)}-{rangeStart}-{rangeEnd}{(cut == MtatCut.FrameCut ? "-cut" : "")}.mp3");
        var path = TaggedFile.Write(Path.Combine(directory, name),
            DatasetTags.MtatId3v2(text, rangeStart, rangeEnd), audio, DatasetTags.MtatId3v1(text, rangeStart, rangeEnd));
        return IndependentCounts.Mpeg(path);
    }

    /// <summary>
    /// As many frames as an excerpt of <paramref name="samples"/> encodes to, cut from an encode that runs
    /// <paramref name="rangeStart"/> seconds before it and ten after, starting at the first frame from the range start
    /// on that borrows from the bit reservoir.
    /// </summary>
    private static byte[] CutFromLongerEncode(FixtureSignal signal, int rangeStart, long samples, string[] lame)
    {
        var before = (long)rangeStart * MtatRate;
        var original = LameEncodes.Encode(signal, MtatRate, 1, before + samples + 10 * MtatRate, lame);
        var excerpt = LameEncodes.Encode(signal, MtatRate, 1, samples, lame);
        var excerptFrames = Mp3FrameScanner.Frames(excerpt, 0, excerpt.Length).Count;
        var first = Mp3FrameEditor.FirstFrameUsingReservoir(original, (int)(before / 576));
        return Mp3FrameEditor.CutFrames(original, first, excerptFrames);
    }

    private static string Slug(string text) =>
        new(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
