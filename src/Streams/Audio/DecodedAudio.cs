namespace Pipeline.Streams.Audio;

/// <summary>Mono float32 samples in [-1, 1] at the rate they were decoded or resampled to.</summary>
public sealed record DecodedAudio(float[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
