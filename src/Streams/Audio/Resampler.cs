using System.Buffers;

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
        audio.SampleRate == OutputRate ? audio : new DecodedAudio(Resample(audio.Samples, audio.SampleRate), OutputRate) { Warnings = audio.Warnings };

    public float[] Resample(ReadOnlySpan<float> input, int inputRate)
    {
        if (inputRate == OutputRate)
            return input.ToArray();
        // soxr writes into a pooled scratch buffer sized for the worst case; the result is copied out at its exact
        // length, so each clip allocates one array, not two.
        using var stream = new StreamingResampler(inputRate, OutputRate, Quality);
        var scratch = ArrayPool<float>.Shared.Rent(stream.MaxOutputFor(input.Length) + TailAllowance);
        try
        {
            var written = stream.Process(input, scratch);
            int flushed;
            while ((flushed = stream.Flush(scratch.AsSpan(written))) > 0)
            {
                written += flushed;
                if (written == scratch.Length)
                {
                    var larger = ArrayPool<float>.Shared.Rent(scratch.Length * 2);
                    scratch.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(scratch);
                    scratch = larger;
                }
            }
            return scratch.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
