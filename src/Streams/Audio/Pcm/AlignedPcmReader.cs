namespace Pipeline.Streams.Audio.Pcm;

/// <summary>
/// Lines a decoder's frames up with mpg123's convention: <c>silence</c> frames of zeros in front (for the leading
/// frames NLayer drops where mpg123 outputs silence), then frames [<c>skip</c>, <c>skip + count</c>) of that (gapless
/// trimming), the same way whichever decoder produced them.
/// </summary>
public sealed class AlignedPcmReader(IPcmReader inner, long silence, long skip, long count) : IPcmReader
{
    private long _silence = silence;
    private long _toSkip = skip;
    private long _left = count;

    public int SampleRate => inner.SampleRate;

    public int Channels => inner.Channels;

    public int ReadFrames(Span<float> interleaved)
    {
        var channels = Channels;
        while (_left > 0)
        {
            var frames = NextFrames(interleaved);
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

    private int NextFrames(Span<float> interleaved)
    {
        if (_silence == 0)
            return inner.ReadFrames(interleaved);
        var frames = (int)Math.Min(_silence, interleaved.Length / Channels);
        interleaved[..(frames * Channels)].Clear();
        _silence -= frames;
        return frames;
    }

    public void Dispose() => inner.Dispose();
}
