using System.Globalization;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>
/// An MTAT-format corpus for the extraction and provider benchmarks: the benchmark clips (29.1 s 16 kHz mono 32 kbps
/// MP3) in folders 0..f with an annotations_final.csv in MTAT's exact format. Made once under .bench/.
/// </summary>
public static class BenchCorpus
{
    private static readonly string[] Tags = ["guitar", "classical", "slow", "techno", "strings", "drums", "electronic", "rock", "fast", "piano"];

    public static string EnsureMtat(string benchDirectory, int clips)
    {
        var directory = Path.Combine(benchDirectory, $"mtat-{clips}");
        var annotations = Path.Combine(directory, "annotations_final.csv");
        if (File.Exists(annotations))
            return directory;

        var sources = BenchClips.Ensure(Path.Combine(benchDirectory, "clips"), clips);
        var text = new StringBuilder();
        text.AppendLine(Row(["clip_id", .. Tags, "mp3_path"]));
        for (var i = 0; i < clips; i++)
        {
            var relative = $"{"0123456789abcdef"[i % 16]}/bench_artist-bench_album-{i / 16 % 100:00}-clip_{i}-0-29.mp3";
            var target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
                File.CreateSymbolicLink(target, sources[i]);
            var labels = Tags.Select((_, t) => (i * 7 + t * 3) % 5 < 2 ? "1" : "0");
            text.AppendLine(Row([(2 + 4 * i).ToString(CultureInfo.InvariantCulture), .. labels, relative]));
        }
        File.WriteAllText(annotations, text.ToString());
        return directory;
    }

    private static string Row(IEnumerable<string> fields) => string.Join('\t', fields.Select(f => $"\"{f}\""));
}
