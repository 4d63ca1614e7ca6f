namespace Pipeline.Streams.Audio;

/// <summary>How audio is turned into model input: the common sample rate and the resampler's quality.</summary>
public sealed record AudioSettings(int SampleRate, ResampleQuality ResampleQuality)
{
    public static AudioSettings Default { get; } = new(22_050, ResampleQuality.High);

    public Resampler CreateResampler() => new(SampleRate, ResampleQuality);
}
