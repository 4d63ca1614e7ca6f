using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Pipeline.Streams.Datasets.Mtat;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>What a fixture clip's file holds.</summary>
public enum FixtureAudio
{
    /// <summary>A 16 kHz mono MP3 shaped like a real MTAT clip (tags, frames), with a tone of its own frequency.</summary>
    Tone,
    /// <summary>A 0-byte file, as three of the real MagnaTagATune files are.</summary>
    Empty,
    /// <summary>Random bytes with an .mp3 name.</summary>
    Garbage,
    /// <summary>No file at all.</summary>
    Missing,
}

public sealed record FixtureClip(string Id, string Path, IReadOnlyList<string> Tags, FixtureAudio Audio = FixtureAudio.Tone);

/// <summary>
/// Writes a MagnaTagATune-format folder: annotations_final.csv (tab separated, every field quoted, clip_id, tag
/// columns, mp3_path) and the audio files under 0..f, shaped like the real clips (<see cref="RealShapedAudio.MtatExcerpt"/>).
/// </summary>
public static class MtatFixture
{
    public static void Write(string directory, IReadOnlyList<string> vocabulary, IReadOnlyList<FixtureClip> clips, double seconds = 3.0)
    {
        // Decoding holds a clip to the range its name states, as the real files' names state theirs.
        var misnamed = clips.FirstOrDefault(c => c.Audio == FixtureAudio.Tone && MtatClipName.StatedSeconds(c.Path) is { } stated && Math.Abs(stated - seconds) > 0.5);
        if (misnamed is not null)
            throw new ArgumentException($"fixture clip {misnamed.Path} names a range other than its {seconds} s of audio", nameof(clips));

        var text = new StringBuilder();
        text.AppendLine(Row(["clip_id", .. vocabulary, "mp3_path"]));
        foreach (var clip in clips)
            text.AppendLine(Row([clip.Id, .. vocabulary.Select(t => clip.Tags.Contains(t) ? "1" : "0"), clip.Path]));
        File.WriteAllText(Path.Combine(directory, "annotations_final.csv"), text.ToString(), new UTF8Encoding(false));

        // Clips share one of 50 tones: each tone is encoded once and copied, so that large corpora of full-length
        // clips are quick to make.
        using var tones = new TempDirectory("mtat-tones");
        var encoded = new ConcurrentDictionary<int, Lazy<string>>();
        Parallel.ForEach(clips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, clip =>
        {
            var path = Path.Combine(directory, clip.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            switch (clip.Audio)
            {
                case FixtureAudio.Tone:
                    var frequency = 200 + int.Parse(new string(clip.Id.Where(char.IsDigit).DefaultIfEmpty('0').ToArray()), CultureInfo.InvariantCulture) % 50 * 20;
                    var tone = encoded.GetOrAdd(frequency, f => new Lazy<string>(() => RealShapedAudio.MtatExcerpt(
                        tones.Path, 0, seconds, FixtureSignal.Tone(f), text: new MtatClipText(Title: $"tone_{f}")).Path));
                    File.Copy(tone.Value, path, overwrite: true);
                    break;
                case FixtureAudio.Empty:
                    File.WriteAllBytes(path, []);
                    break;
                case FixtureAudio.Garbage:
                    var bytes = new byte[20_000];
                    new Random(clip.Id.Length).NextBytes(bytes);
                    File.WriteAllBytes(path, bytes);
                    break;
                case FixtureAudio.Missing:
                    break;
            }
        });
    }

    private static string Row(IEnumerable<string> fields) => string.Join('\t', fields.Select(f => $"\"{f}\""));

    /// <summary>
    /// A small corpus over folders 0..f with odd characters in some names; tags cycle so every tag is used. Names end
    /// in the clip's range in its source track, as MTAT's do ("-30-59.mp3" for a 29 s clip), here of <paramref name="seconds"/>.
    /// </summary>
    public static IReadOnlyList<FixtureClip> Corpus(IReadOnlyList<string> vocabulary, int count, double seconds = 3.0)
    {
        var length = (int)Math.Round(seconds);
        var clips = new List<FixtureClip>();
        for (var i = 0; i < count; i++)
        {
            var folder = "0123456789abcdef"[i % 16];
            var name = i % 5 == 0 ? $"l'artiste_{i}-café_album-01-naïve_track-0-{length}.mp3" : $"artist_{i}-album-01-track_{i}-30-{30 + length}.mp3";
            var tags = new[] { vocabulary[i % vocabulary.Count], vocabulary[(i * 7 + 3) % vocabulary.Count] }.Distinct().ToList();
            clips.Add(new FixtureClip((2 + 4 * i).ToString(CultureInfo.InvariantCulture), $"{folder}/{name}", tags));
        }
        return clips;
    }
}
