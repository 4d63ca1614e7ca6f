namespace Pipeline.Streams.Provider;

/// <summary>
/// Cuts clips into fixed-length windows. A clip shorter than one window gives one zero-padded window, so no clip is
/// silently lost.
/// </summary>
public static class Segmenter
{
    /// <summary>Every non-overlapping window from the start of the clip (evaluation, and training in "all" mode).</summary>
    public static IEnumerable<Segment> AllWindows(ClipAudio audio, int length)
    {
        var count = Math.Max(1, audio.Samples.Length / length);
        for (var window = 0; window < count; window++)
            yield return Cut(audio, window, window * length, length);
    }

    /// <summary>One window at a random offset, the same for the same seed, epoch and clip.</summary>
    public static Segment RandomWindow(ClipAudio audio, int length, int seed, int epoch)
    {
        var slack = audio.Samples.Length - length;
        var random = new Random(Seeds.Derive(seed, epoch, audio.Clip.Index));
        return Cut(audio, 0, slack > 0 ? random.Next(slack + 1) : 0, length);
    }

    private static Segment Cut(ClipAudio audio, int window, int start, int length)
    {
        var samples = new float[length];
        var available = Math.Min(length, audio.Samples.Length - start);
        if (available > 0)
            audio.Samples.CopyTo(start, samples.AsSpan(0, available));
        return new Segment(audio.Clip, window, samples);
    }
}
