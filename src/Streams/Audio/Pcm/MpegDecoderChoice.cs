using Pipeline.Streams.Audio.Mpeg;
using Pipeline.Streams.Audio.Native;

namespace Pipeline.Streams.Audio.Pcm;

/// <summary>
/// Which decoder reads one MPEG stream, from the setting and what each decoder can decode correctly. libsndfile is
/// preferred (about 6x faster); it cannot read a stream that switches channel count, nor one whose length it
/// underestimates (a bitrate change without a Xing/VBRI frame count: it stops at a length estimated from the first
/// frames). NLayer 3.0.1 decodes MPEG-2.5 at 8 kHz wrongly. A stream no allowed decoder reads correctly is refused
/// rather than decoded wrongly.
/// </summary>
internal static class MpegDecoderChoice
{
    public sealed record Choice(Mp3Decoder Decoder, string? WhyNotLibSndFile);

    public static Choice Choose(Mp3Decoder configured, MpegLayout layout, LibSndFile? library, string? loadError, string path)
    {
        var libraryProblem = library is null ? loadError
            : !library.ReadsMpeg ? $"{library.Source} cannot read MPEG audio (libsndfile 1.1.0 or later with mpg123 is needed)"
            : null;
        var streamProblemForLibSndFile = layout.Irregular.ChannelsChangeAt is { } frame
            ? $"the stream switches between mono and stereo at frame {frame}, where libsndfile stops"
            : null;
        return Decide(configured, libraryProblem, streamProblemForLibSndFile, ProblemForNLayer(layout), path);
    }

    /// <summary>libsndfile opened the stream but estimates it shorter than its frames are: it would stop there.</summary>
    public static Choice WhenLibSndFileUnderestimates(Mp3Decoder configured, MpegLayout layout, long estimate, long frames, string path) =>
        Decide(configured, null, $"libsndfile estimates the stream at {estimate} samples where its frames hold {frames}, and would stop " +
            "there (the bitrate changes and no Xing/VBRI header counts the frames)", ProblemForNLayer(layout), path);

    private static string? ProblemForNLayer(MpegLayout layout) => layout.First is { Version: MpegVersion.Mpeg25, SampleRate: 8_000 }
        ? "NLayer 3.0.1 decodes MPEG-2.5 at 8 kHz wrongly (its short blocks differ from mpg123's)"
        : null;

    private static Choice Decide(Mp3Decoder configured, string? libraryProblem, string? streamProblemForLibSndFile, string? problemForNLayer, string path)
    {

        switch (configured)
        {
            case Mp3Decoder.NLayer when problemForNLayer is not null:
                throw new AudioReadException(path, AudioReadFailure.Unsupported, $"{problemForNLayer} (pipeline.audio.mp3-decoder = nlayer)");
            case Mp3Decoder.NLayer:
                return new Choice(Mp3Decoder.NLayer, null);
            case Mp3Decoder.LibSndFile when libraryProblem is not null:
                throw new AudioReadException(path, AudioReadFailure.DecoderUnavailable,
                    $"{libraryProblem} (pipeline.audio.mp3-decoder = libsndfile; auto or nlayer would use NLayer)");
            case Mp3Decoder.LibSndFile when streamProblemForLibSndFile is not null:
                throw new AudioReadException(path, AudioReadFailure.Unsupported,
                    $"{streamProblemForLibSndFile} (pipeline.audio.mp3-decoder = libsndfile; auto or nlayer would use NLayer)");
            case Mp3Decoder.LibSndFile:
                return new Choice(Mp3Decoder.LibSndFile, null);
        }

        var whyNot = libraryProblem ?? streamProblemForLibSndFile;
        if (whyNot is null)
            return new Choice(Mp3Decoder.LibSndFile, null);
        if (problemForNLayer is null)
            return new Choice(Mp3Decoder.NLayer, whyNot);
        throw new AudioReadException(path, AudioReadFailure.Unsupported, $"{whyNot}, and {problemForNLayer}");
    }
}
