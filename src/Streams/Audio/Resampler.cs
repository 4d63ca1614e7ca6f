namespace Pipeline.Streams.Audio;

/// <summary>Resamples whole clips to the configured rate. Thread-safe: each call uses its own soxr instance.</summary>
public sealed class Resampler(int outputRate, ResampleQuality quality)
{
    public int OutputRate { get; } = outputRate > 0
        ? outputRate
        : throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, "must be positive");

    public ResampleQuality Quality { get; } = quality;

    private const int TailAllowance = 4096;

    public DecodedAudio ToOutputRate(DecodedAudio audio) =>
        audio.SampleRate == OutputRate ? audio : new DecodedAudio(Resample(audio.Samples, audio.SampleRate), OutputRate);

    public float[] Resample(ReadOnlySpan<float> input, int inputRate)
    {
        if (inputRate == OutputRate)
            return input.ToArray();
        using var stream = new StreamingResampler(inputRate, OutputRate, Quality);
        var output = new float[stream.MaxOutputFor(input.Length) + TailAllowance];
        var written = stream.Process(input, output);
        int flushed;
        while ((flushed = stream.Flush(output.AsSpan(written))) > 0)
        {
            written += flushed;
            if (written == output.Length)
                Array.Resize(ref output, output.Length + TailAllowance);
        }
        Array.Resize(ref output, written);
        return output;
    }
}
