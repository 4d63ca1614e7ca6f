namespace Pipeline.Streams.Provider;

/// <summary>
/// Cuts clips into fixed-length windows. A clip shorter than one window gives one zero-padded window, so no clip is
/// silently lost.
/// </summary>
public static class Segmenter
{
    /// <summary>
    /// Every non-overlapping window from <paramref name="offset"/> on (0: from the start of the clip, as evaluation
    /// cuts them; a random offset per epoch jitters the grid in training).
    /// </summary>
    public static IEnumerable<Segment> AllWindows(ClipRef clip, IClipSamples samples, int length, int offset = 0)
    {
        var count = WindowCount(samples, length, offset);
        for (var window = 0; window < count; window++)
            yield return Window(clip, samples, window, length, offset);
    }

    /// <summary>How many windows <see cref="AllWindows"/> cuts from the clip.</summary>
    public static int WindowCount(IClipSamples samples, int length, int offset = 0) => Math.Max(1, (samples.Length - offset) / length);

    /// <summary>The clip's window number <paramref name="window"/> of those <see cref="AllWindows"/> cuts.</summary>
    public static Segment Window(ClipRef clip, IClipSamples samples, int window, int length, int offset = 0) =>
        Cut(clip, samples, window, Math.Max(0, offset + window * length), length);

    /// <summary>One window at a random offset, the same for the same seed, epoch and clip.</summary>
    public static Segment RandomWindow(ClipRef clip, IClipSamples samples, int length, int seed, int epoch)
    {
        var slack = samples.Length - length;
        var random = new Random(Seeds.For(SeedStream.WindowOffset, seed, epoch, clip.Index));
        return Cut(clip, samples, 0, slack > 0 ? random.Next(slack + 1) : 0, length);
    }

    private static Segment Cut(ClipRef clip, IClipSamples samples, int window, int start, int length)
    {
        var cut = new float[length];
        var available = Math.Min(length, samples.Length - start);
        if (available > 0)
            samples.CopyTo(start, cut.AsSpan(0, available));
        return new Segment(clip, window, cut);
    }
}
