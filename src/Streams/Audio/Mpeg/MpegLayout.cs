namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>
/// The structure of an MPEG audio file as its bytes show it: the tags around the stream, the audio frames (the
/// Info/VBRI frame, which holds no audio, excluded), bytes between frames that are not frames, and a last frame the
/// file ends inside of. Decoders are handed exactly [<see cref="AudioStart"/>, <see cref="AudioEnd"/>).
/// <see cref="ChannelsChangeAt"/> is the first frame whose channel count differs from the first frame's (a stream
/// that switches between mono and stereo, as ISO's l3-he_mode does), or null.
/// </summary>
public sealed record MpegLayout(
    MpegFrameHeader First,
    TaggedRegion Region,
    InfoFrame? Info,
    long AudioStart,
    long AudioEnd,
    long Frames,
    long SkippedBytes,
    int PartialFrameBytes,
    int PartialFrameLength,
    long? ChannelsChangeAt)
{
    /// <summary>mpg123's GAPLESS_DELAY and ffmpeg's 528 + 1: the layer III synthesis delay, added to LAME's encoder delay.</summary>
    public const int DecoderDelay = 529;

    public int SamplesPerFrame => First.SamplesPerFrame;

    public long DecodedFrameSamples => Frames * SamplesPerFrame;

    public bool EndsInsideAFrame => PartialFrameBytes > 0;

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
