namespace Pipeline.Streams.Audio;

/// <summary>
/// Mono float32 samples in [-1, 1] at the rate they were decoded or resampled to, and what was odd about the file
/// (see <see cref="TruncationPolicy"/>): the clip is used, the warnings are reported with it.
/// </summary>
public sealed record DecodedAudio(float[] Samples, int SampleRate)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
