namespace Pipeline.Streams.Clips;

/// <summary>
/// Mono samples of one clip at the pipeline's rate, read on demand: decoded clips hold them in memory, cached clips
/// read them from a memory-mapped shard, so cutting a cached clip converts only the windows it uses.
/// </summary>
public interface IClipSamples
{
    int Length { get; }

    void CopyTo(int start, Span<float> destination);
}

public sealed class ArraySamples(float[] samples) : IClipSamples
{
    public float[] Array => samples;

    public int Length => samples.Length;

    public void CopyTo(int start, Span<float> destination) => samples.AsSpan(start, destination.Length).CopyTo(destination);
}
