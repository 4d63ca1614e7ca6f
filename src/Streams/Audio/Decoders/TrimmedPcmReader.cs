namespace Pipeline.Streams.Audio.Decoders;

/// <summary>
/// Keeps frames [<c>skip</c>, <c>skip + count</c>) of another reader: gapless decoding of an MPEG stream, done the
/// same way whichever decoder produced the frames.
/// </summary>
public sealed class TrimmedPcmReader(IPcmReader inner, long skip, long count) : IPcmReader
{
    private long _toSkip = skip;
    private long _left = count;

    public int SampleRate => inner.SampleRate;

    public int Channels => inner.Channels;

    public int ReadFrames(Span<float> interleaved)
    {
        var channels = Channels;
        while (_left > 0)
        {
            var frames = inner.ReadFrames(interleaved);
            if (frames == 0)
                return 0;
            var dropped = (int)Math.Min(_toSkip, frames);
            _toSkip -= dropped;
            var kept = (int)Math.Min(frames - dropped, _left);
            if (kept == 0)
                continue;
            if (dropped > 0)
                interleaved.Slice(dropped * channels, kept * channels).CopyTo(interleaved);
            _left -= kept;
            return kept;
        }
        return 0;
    }

    public void Dispose() => inner.Dispose();
}
