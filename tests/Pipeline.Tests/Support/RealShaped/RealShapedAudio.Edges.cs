using System.Globalization;
using Pipeline.Tests.Support.Mp3;

namespace Pipeline.Tests.Support.RealShaped;

public static partial class RealShapedAudio
{
    // MP3 streams of the shapes decoders get wrong, without tags so that each shows one thing.

    /// <summary>
    /// MPEG-2.5 Layer III (8,000, 11,025 or 12,000 Hz; lame picks it for these rates), mono 16 kbps: 144-byte frames
    /// at 8 kHz, too small for an Info frame.
    /// </summary>
    public static RealShapedFile Mpeg25(string directory, int sampleRate = 8_000, double seconds = 3, FixtureSignal? signal = null)
    {
        if (sampleRate is not (8_000 or 11_025 or 12_000))
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "MPEG-2.5 rates are 8000, 11025 and 12000 Hz");
        var audio = LameEncodes.Encode(signal ?? FixtureSignal.Tone(440), sampleRate, 1, Samples(seconds, sampleRate), "-b", "16", "-m", "m");
        return Bare(directory, $"mpeg25-{sampleRate}.mp3", audio);
    }

    /// <summary>
    /// MPEG-1 Layer III at 48 kHz joint stereo, VBR (lame -V 2) over a chord and then noise, so that frames switch
    /// bitrate (and length) mid-stream; lame's Xing frame leads.
    /// </summary>
    public static RealShapedFile Mpeg1VbrAt48kHz(string directory, double seconds = 5)
    {
        const int rate = 48_000;
        var audio = LameEncodes.Encode(FixtureSignal.ThenNoise(FixtureSignal.CMajor, seconds / 2.5), rate, 2, Samples(seconds, rate), "-V", "2");
        return Bare(directory, "mpeg1-48k-vbr.mp3", audio);
    }

    /// <summary>
    /// Free format (bitrate index 0): MPEG-1 44.1 kHz joint stereo at a bitrate outside the table, made by
    /// `lame --freeformat`; lame's Info frame leads and is free format too.
    /// </summary>
    public static RealShapedFile FreeFormat(string directory, int kbps = 400, double seconds = 3)
    {
        const int rate = 44_100;
        var audio = LameEncodes.Encode(FixtureSignal.CMajor, rate, 2, Samples(seconds, rate), "--freeformat", "-b",
            kbps.ToString(CultureInfo.InvariantCulture));
        return Bare(directory, $"free-format-{kbps}.mp3", audio);
    }

    /// <summary>
    /// A download cut short: a CBR 44.1 kHz stream whose Info frame promises every frame, cut inside its last frame
    /// after <paramref name="keptBytes"/> bytes and followed by nothing.
    /// </summary>
    public static RealShapedFile TruncatedInLastFrame(string directory, double seconds = 5, int keptBytes = 150)
    {
        var audio = Mp3FrameEditor.TruncateLastFrame(Cbr44k(seconds), keptBytes);
        return Bare(directory, "truncated-in-last-frame.mp3", audio);
    }

    /// <summary>
    /// A few garbage bytes between two frames of a CBR 44.1 kHz stream. The default junk has no 0xFF, so no false
    /// sync: a decoder must resynchronise at the next real header and lose no frame.
    /// </summary>
    public static RealShapedFile JunkBetweenFrames(string directory, double seconds = 5, int afterFrame = 10, byte[]? junk = null)
    {
        var audio = Mp3FrameEditor.InsertAfterFrame(Cbr44k(seconds), afterFrame, junk ?? [0x4A, 0x55, 0x4E, 0x4B, 0x00, 0x13, 0x37]);
        return Bare(directory, $"junk-after-frame-{afterFrame}.mp3", audio);
    }

    private static byte[] Cbr44k(double seconds) =>
        LameEncodes.Encode(FixtureSignal.CMajor, 44_100, 2, Samples(seconds, 44_100), "-b", "128", "-m", "j");

    private static RealShapedFile Bare(string directory, string name, byte[] audio) =>
        IndependentCounts.Mpeg(TaggedFile.Write(Path.Combine(directory, name), audio));
}
