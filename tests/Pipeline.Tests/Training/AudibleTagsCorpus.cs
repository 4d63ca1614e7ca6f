using System.Collections.Immutable;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Tests.Training;

/// <summary>
/// Clips generated in memory whose three tags can be heard: "tone" (a sine), "noise" (white noise), "loud" (high
/// level rather than low). A clip's audio is derived from its path, so the supervised decoders can "decode" it.
/// </summary>
public static class AudibleTagsCorpus
{
    public static readonly string[] Tags = ["tone", "noise", "loud"];
    public const int SampleRate = 8_000;

    public static IReadOnlyList<ClipRef> Clips(int count, int offset) =>
        Enumerable.Range(offset, count).Select((id, index) =>
        {
            var (tone, noise, loud) = TagsOf(id);
            return new ClipRef(index, $"clip-{id}", $"/audible/{id}.wav", [tone ? 1f : 0f, noise ? 1f : 0f, loud ? 1f : 0f]);
        }).ToList();

    private static (bool Tone, bool Noise, bool Loud) TagsOf(int id)
    {
        var random = new Random(id * 7919);
        var kind = random.Next(3); // tone only, noise only, both
        return (kind != 1, kind != 0, random.Next(2) == 1);
    }

    /// <summary>The clips as WAV files in <paramref name="directory"/> (for nodes that read real files: a cluster's workers).</summary>
    public static IReadOnlyList<ClipRef> Written(IReadOnlyList<ClipRef> clips, string directory) =>
        [.. clips.Select(clip =>
        {
            var path = Path.Combine(directory, Path.GetFileName(clip.AudioPath));
            Support.WavWriter.Write(path, Decode(clip.AudioPath).Samples, SampleRate, channels: 1);
            return clip with { AudioPath = path };
        })];

    public static DecodedAudio Decode(string path)
    {
        var id = int.Parse(Path.GetFileNameWithoutExtension(path));
        var (tone, noise, loud) = TagsOf(id);
        var random = new Random(id);
        var frequency = 200 + random.Next(800);
        var gain = loud ? 0.8f : 0.1f;
        var samples = new float[2 * SampleRate];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = 0f;
            if (tone)
                value += MathF.Sin(2 * MathF.PI * frequency * i / SampleRate);
            if (noise)
                value += (float)(random.NextDouble() * 2 - 1);
            samples[i] = gain * value / (tone && noise ? 2 : 1);
        }
        return new DecodedAudio(samples, SampleRate);
    }
}
