using System.Globalization;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>
/// What sox synthesises for a fixture: sine tones (one, or a chord), optionally followed by white noise, which makes
/// a VBR encoder switch bitrates. In stereo the left channel holds every tone and the right every tone but the first,
/// so that the channels differ whenever there is a chord (a single tone is the same on both).
/// </summary>
public sealed record FixtureSignal(IReadOnlyList<double> Frequencies, double NoiseSeconds = 0)
{
    public static FixtureSignal Tone(double frequency) => new([frequency]);

    public static FixtureSignal Chord(params double[] frequencies) => new(frequencies);

    public static FixtureSignal ThenNoise(FixtureSignal tones, double noiseSeconds) => tones with { NoiseSeconds = noiseSeconds };

    /// <summary>A C major triad: the default where an encoder should see more than one partial.</summary>
    public static FixtureSignal CMajor { get; } = Chord(261.63, 329.63, 392.0);

    /// <summary>Identifies the signal in encode caches.</summary>
    public string Key => string.Join('+', Frequencies.Select(F)) + (NoiseSeconds > 0 ? $"+noise{F(NoiseSeconds)}" : "");

    /// <summary>
    /// Writes the signal with sox at <paramref name="rate"/> directly (no resampling), exactly <paramref name="samples"/>
    /// samples per channel of which the last <see cref="NoiseSeconds"/> are noise. <paramref name="format"/> holds sox's
    /// output format options (e.g. "-b", "24", "-e", "floating-point", "-t", "wavpcm").
    /// </summary>
    public void Write(string path, int rate, int channels, long samples, params string[] format)
    {
        if (Frequencies.Count == 0)
            throw new ArgumentException("a fixture signal needs at least one frequency");
        var noise = (long)Math.Round(NoiseSeconds * rate);
        if (noise >= samples)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"shorter than the {noise} samples of noise");
        var tones = Frequencies.Count;
        List<string> arguments = ["-R", "-r", I(rate), "-c", I(tones), "-n", .. format, "-c", I(channels), path,
            "synth", $"{samples - noise}s", .. Frequencies.SelectMany(f => new[] { "sine", F(f) }), .. Remix(tones, channels), "vol", "0.5"];
        if (noise > 0)
            arguments.AddRange([":", "synth", $"{noise}s", "whitenoise", "vol", "0.3"]);
        Tools.Run("sox", [.. arguments]);
    }

    private static string[] Remix(int tones, int channels) =>
        channels >= 2 && tones >= 2 ? ["remix", $"1-{tones}", $"2-{tones}"] : ["remix", $"1-{tones}"];

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
