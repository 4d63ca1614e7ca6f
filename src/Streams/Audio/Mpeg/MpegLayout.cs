using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>What is irregular about an MPEG stream: each one decides how it is decoded, warned about or refused.</summary>
/// <param name="SkippedBytes">Bytes between frames (or before the first) that are not frames.</param>
/// <param name="PartialFrameBytes">Bytes of a last frame the file ends inside of (0: it ends on a frame boundary).</param>
/// <param name="PartialFrameLength">The length that last frame would have had (0 when unknown: free format).</param>
/// <param name="ChannelsChangeAt">The first frame whose channel count differs from the first frame's, or null.</param>
/// <param name="FramesWithoutMainData">Leading layer III frames whose main data begins before the stream does (an
/// excerpt cut out of a longer stream): decoders output them as silence (mpg123) or drop them (NLayer).</param>
public sealed record MpegIrregularities(long SkippedBytes, int PartialFrameBytes, int PartialFrameLength, long? ChannelsChangeAt,
    int FramesWithoutMainData);

/// <summary>
/// The structure of an MPEG audio file as its bytes show it: the tags around the stream, the Info/VBRI frame (no
/// audio) at <see cref="InfoFrameOffset"/>, the runs of audio frames between junk (<see cref="AudioRuns"/>, usually
/// one), how many whole frames there are, and what is irregular.
/// </summary>
public sealed record MpegLayout(
    MpegFrameHeader First,
    TaggedRegion Tags,
    InfoFrame? Info,
    long InfoFrameOffset,
    IReadOnlyList<ByteRange> AudioRuns,
    long Frames,
    MpegIrregularities Irregular)
{
    /// <summary>mpg123's GAPLESS_DELAY and ffmpeg's 528 + 1: the layer III synthesis delay, added to LAME's encoder delay.</summary>
    public const int DecoderDelay = 529;

    public int SamplesPerFrame => First.SamplesPerFrame;

    public long DecodedFrameSamples => Frames * SamplesPerFrame;

    public bool EndsInsideAFrame => Irregular.PartialFrameBytes > 0;

    /// <summary>The frames with the Info frame in front (what a decoder that reads it for length and gapless info gets).</summary>
    public IReadOnlyList<ByteRange> RunsWithInfoFrame =>
        Info is null ? AudioRuns : [new ByteRange(InfoFrameOffset, AudioRuns[0].End), .. AudioRuns.Skip(1)];

    /// <summary>
    /// Which of the decoded samples (per channel) a gapless decoder keeps, as mpg123 and ffmpeg do and hence
    /// libsndfile, librosa and the reference training code: with LAME's tag, from its encoder delay plus the
    /// decoder delay to the tag's frame count times the frame size, minus its padding, plus the decoder delay;
    /// without one, everything.
    /// </summary>
    public (long Skip, long Count) GaplessRange
    {
        get
        {
            if (Info is not { HasGaplessInfo: true } info)
                return (0, DecodedFrameSamples);
            var skip = Math.Min(DecodedFrameSamples, info.EncoderDelay + DecoderDelay);
            var end = (info.Frames ?? Frames) * SamplesPerFrame - info.EncoderPadding + DecoderDelay;
            return (skip, Math.Max(0, Math.Min(end, DecodedFrameSamples) - skip));
        }
    }
}
