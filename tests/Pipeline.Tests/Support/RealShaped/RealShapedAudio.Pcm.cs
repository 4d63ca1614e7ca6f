namespace Pipeline.Tests.Support.RealShaped;

/// <summary>The uncompressed and lossless shapes sox writes.</summary>
public enum PcmShape
{
    /// <summary>WAVE_FORMAT_PCM (1), 16-bit.</summary>
    Wav16,

    /// <summary>WAVE_FORMAT_PCM (1), 24-bit: sox writes this only when told `-t wavpcm`.</summary>
    Wav24,

    /// <summary>
    /// WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the PCM sub-format, 24-bit: sox's default for more than 16 bits. Like every
    /// format sox writes with a tag other than 1, it carries a fact chunk.
    /// </summary>
    Wav24Extensible,

    /// <summary>WAVE_FORMAT_IEEE_FLOAT (3), 32-bit float, an 18-byte fmt chunk and a fact chunk.</summary>
    WavFloat32,

    /// <summary>WAVE_FORMAT_EXTENSIBLE, 16-bit, with more than two channels (sox's default there): give 3 or more.</summary>
    WavExtensibleMultichannel,

    /// <summary>FLAC, 16-bit.</summary>
    Flac16,

    /// <summary>FLAC, 24-bit.</summary>
    Flac24,

    /// <summary>Ogg Vorbis (sox's default quality).</summary>
    OggVorbis,
}

public static partial class RealShapedAudio
{
    /// <summary>
    /// A WAV, FLAC or Ogg Vorbis file written by sox (libsox-fmt-base, which Debian's sox depends on, brings FLAC and
    /// Vorbis), with soxi's rate, channels and samples.
    /// </summary>
    public static RealShapedFile Pcm(string directory, PcmShape shape, int sampleRate = 44_100, int channels = 2, double seconds = 2.5,
        FixtureSignal? signal = null)
    {
        if (shape == PcmShape.WavExtensibleMultichannel && channels < 3)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "sox writes WAVE_FORMAT_EXTENSIBLE for 16-bit only above two channels");
        var (extension, format) = shape switch
        {
            PcmShape.Wav16 => ("wav", new[] { "-b", "16" }),
            PcmShape.Wav24 => ("wav", ["-b", "24", "-t", "wavpcm"]),
            PcmShape.Wav24Extensible => ("wav", ["-b", "24"]),
            PcmShape.WavFloat32 => ("wav", ["-b", "32", "-e", "floating-point"]),
            PcmShape.WavExtensibleMultichannel => ("wav", ["-b", "16"]),
            PcmShape.Flac16 => ("flac", ["-b", "16"]),
            PcmShape.Flac24 => ("flac", ["-b", "24"]),
            PcmShape.OggVorbis => ("ogg", []),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
        var path = Path.Combine(directory, $"{shape}-{sampleRate}-{channels}ch.{extension}".ToLowerInvariant());
        Directory.CreateDirectory(directory);
        (signal ?? FixtureSignal.CMajor).Write(path, sampleRate, channels, Samples(seconds, sampleRate), format);
        return IndependentCounts.Sox(path);
    }
}
