namespace Pipeline.Tests.Support.RealShaped;

/// <summary>The two shapes of the Million Song Dataset's 7digital previews.</summary>
public enum MsdPreviewShape
{
    /// <summary>MPEG-2 Layer III, 22,050 Hz joint stereo CBR 64 kbps, like TRWJAZW128F42760DD.</summary>
    Mpeg2At22kHz,

    /// <summary>MPEG-1 Layer III, 44,100 Hz joint stereo CBR 128 kbps.</summary>
    Mpeg1At44kHz,
}

public static partial class RealShapedAudio
{
    /// <summary>The real preview's length: mpg123 decodes 660,340 samples per channel from it, gapless.</summary>
    public const double MsdPreviewSeconds = 660_340 / 22_050.0;

    /// <summary>
    /// A 7digital preview as in the Million Song Dataset: ID3v2.3 with 1,024 bytes of padding (1,286 bytes, the real
    /// preview's frames and strings), lame's "Info" frame with the LAME extension (encoder delay and padding, so that
    /// gapless decoders return exactly the source's samples), joint stereo CBR frames, and an ID3v1.1 tag.
    /// </summary>
    public static RealShapedFile MsdPreview(string directory, MsdPreviewShape shape = MsdPreviewShape.Mpeg2At22kHz, double seconds = MsdPreviewSeconds,
        FixtureSignal? signal = null)
    {
        var (rate, kbps) = shape switch
        {
            MsdPreviewShape.Mpeg2At22kHz => (22_050, 64),
            MsdPreviewShape.Mpeg1At44kHz => (44_100, 128),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        var audio = LameEncodes.Encode(signal ?? FixtureSignal.CMajor, rate, 2, Samples(seconds, rate),
            "-b", kbps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "j");
        var path = TaggedFile.Write(Path.Combine(directory, $"TRFIXTURE{rate}{kbps}_test.mp3"), DatasetTags.MsdId3v2(), audio, DatasetTags.MsdId3v1());
        return IndependentCounts.Mpeg(path);
    }
}
