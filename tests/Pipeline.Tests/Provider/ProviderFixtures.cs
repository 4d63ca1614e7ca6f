using System.Collections.Immutable;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Tests.Provider;

/// <summary>Clips and provider settings for provider tests.</summary>
public static class ProviderFixtures
{
    /// <summary>The rate of <see cref="Synthetic"/> audio, and so of the decoders that read it.</summary>
    public const int SampleRate = 22_050;

    public static ProviderSettings Settings(int window = 2_048, int shuffle = 8, int parallelism = 2, int buffer = 4,
        TrainingWindows windows = TrainingWindows.Random, int failureWindow = 50, double maxFailureFraction = 0.5) =>
        new(window, windows, shuffle, parallelism, buffer, TimeSpan.FromSeconds(30), failureWindow, maxFailureFraction);

    public static ClipRef Clip(int index, string path, int tags = 3) =>
        new(index, $"clip-{index}", path, [.. Enumerable.Range(0, tags).Select(t => (index + t) % 2 == 0 ? 1f : 0f)]);

    public static IReadOnlyList<ClipRef> Clips(int count) =>
        Enumerable.Range(0, count).Select(i => Clip(i, $"/virtual/{i}.mp3")).ToList();

    /// <summary>A decode function that makes audio from the path instead of reading a file: clip i is i + 1 seconds of a ramp.</summary>
    public static DecodedAudio Synthetic(string path)
    {
        var index = int.Parse(Path.GetFileNameWithoutExtension(path));
        var samples = new float[22_050 + index * 100];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (i % 1000) / 1000f + index;
        return new DecodedAudio(samples, 22_050);
    }
}
