namespace Pipeline.Streams.Windows;

/// <summary>
/// How a file is cut for inference: windows of the model's input length at the model's rate, one every hop samples
/// from the start. Every whole window is taken, as evaluation takes them (the tail shorter than a hop past the last
/// whole window is left out); a file shorter than one window gives one window, zero-padded, so no file goes without.
/// </summary>
public sealed record WindowShape(int SampleRate, int WindowSamples, int HopSamples)
{
    public int SampleRate { get; } = SampleRate > 0 ? SampleRate : throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "must be positive");
    public int WindowSamples { get; } = WindowSamples > 0 ? WindowSamples : throw new ArgumentOutOfRangeException(nameof(WindowSamples), WindowSamples, "must be positive");
    public int HopSamples { get; } = HopSamples > 0 ? HopSamples : throw new ArgumentOutOfRangeException(nameof(HopSamples), HopSamples, "must be positive");

    public double WindowSeconds => (double)WindowSamples / SampleRate;
    public double HopSeconds => (double)HopSamples / SampleRate;

    /// <summary>Windows that do not overlap: the hop is the window (the default, and evaluation's windows).</summary>
    public static WindowShape Adjacent(int sampleRate, int windowSamples) => new(sampleRate, windowSamples, windowSamples);

    /// <summary>A hop given in seconds, rounded to whole samples at the model's rate (at least one).</summary>
    public static WindowShape WithHop(int sampleRate, int windowSamples, double hopSeconds)
    {
        if (!(hopSeconds > 0) || double.IsInfinity(hopSeconds))
            throw new ArgumentOutOfRangeException(nameof(hopSeconds), hopSeconds, "must be a positive number of seconds");
        return new WindowShape(sampleRate, windowSamples, (int)Math.Clamp(Math.Round(hopSeconds * sampleRate), 1, int.MaxValue));
    }

    /// <summary>How many windows a file of <paramref name="samples"/> samples (at the model's rate) gives.</summary>
    public long WindowsFor(long samples) => samples <= WindowSamples ? 1 : (samples - WindowSamples) / HopSamples + 1;

    /// <summary>Where window <paramref name="window"/> starts, in seconds.</summary>
    public double StartSeconds(long window) => (double)window * HopSamples / SampleRate;
}
