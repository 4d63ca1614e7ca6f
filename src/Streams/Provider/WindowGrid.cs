namespace Pipeline.Streams.Provider;

/// <summary>
/// A clip's every non-overlapping window for one epoch: where the grid starts (at 0, or jittered by the
/// augmentation) and which windows have their sign inverted. The augmentation's draws are made here, once per clip
/// and in window order, so the windows are the same whichever order they are then read in (clip by clip through the
/// shuffle buffer, or permuted from the cache).
/// </summary>
public sealed class WindowGrid
{
    private readonly ClipRef _clip;
    private readonly IClipSamples _samples;
    private readonly int _length;
    private readonly int _offset;
    private readonly bool[] _inverted;

    private WindowGrid(ClipRef clip, IClipSamples samples, int length, int offset, bool[] inverted)
    {
        (_clip, _samples, _length, _offset, _inverted) = (clip, samples, length, offset, inverted);
    }

    public int Count => _inverted.Length;

    public static WindowGrid Of(ClipDecoded decoded, int length, int seed, int epoch, Augmentation augmentation)
    {
        var random = new Random(Seeds.For(SeedStream.Augment, seed, epoch, decoded.Clip.Index));
        var samples = decoded.Samples;
        var offset = augmentation.JitterWindows && samples.Length > length ? random.Next(Math.Min(length, samples.Length - length)) : 0;
        var inverted = new bool[Segmenter.WindowCount(samples, length, offset)];
        for (var window = 0; window < inverted.Length; window++)
            inverted[window] = augmentation.Polarity && random.Next(2) == 1;
        return new WindowGrid(decoded.Clip, samples, length, offset, inverted);
    }

    /// <summary>Window number <paramref name="window"/> of the grid, cut now.</summary>
    public Segment Cut(int window)
    {
        var segment = Segmenter.Window(_clip, _samples, window, _length, _offset);
        if (_inverted[window])
            Invert(segment.Samples);
        return segment;
    }

    public IReadOnlyList<Segment> CutAll() => [.. Enumerable.Range(0, Count).Select(Cut)];

    public static void Invert(float[] samples)
    {
        for (var i = 0; i < samples.Length; i++)
            samples[i] = -samples[i];
    }
}
