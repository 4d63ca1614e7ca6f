using System.Collections.Immutable;

namespace Pipeline.Streams.Provider;

/// <summary>
/// Model input ready for TorchSharp: samples as float32 [Count, 1, SegmentSamples] and labels as float32
/// [Count, TagCount], both row-major, plus the clip of every row (for per-clip averaging in evaluation).
/// </summary>
public sealed record Batch(int Count, int SegmentSamples, int TagCount, float[] Samples, float[] Labels, ImmutableArray<ClipRef> Clips)
{
    public static Batch From(IReadOnlyList<Segment> segments)
    {
        if (segments.Count == 0)
            throw new ArgumentException("a batch needs at least one segment", nameof(segments));
        var length = segments[0].Samples.Length;
        var tags = segments[0].Clip.Labels.Length;
        var samples = new float[segments.Count * length];
        var labels = new float[segments.Count * tags];
        for (var row = 0; row < segments.Count; row++)
        {
            segments[row].Samples.CopyTo(samples, row * length);
            segments[row].Clip.Labels.CopyTo(labels, row * tags);
        }
        return new Batch(segments.Count, length, tags, samples, labels, [.. segments.Select(s => s.Clip)]);
    }
}
