using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>
/// MagnaTagATune-like clips for the benchmarks (29.1 s, 16 kHz, mono, 32 kbps MP3), made once with sox and lame and
/// kept under .bench/ so later runs measure decoding, not fixture making.
/// </summary>
public static class BenchClips
{
    public const double Seconds = 29.1;

    public static IReadOnlyList<string> Ensure(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var paths = Enumerable.Range(0, count).Select(i => Path.Combine(directory, $"clip-{i:D5}.mp3")).ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Console.WriteLine($"making {missing.Count} benchmark clips in {directory} ...");
            Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
            {
                var index = int.Parse(Path.GetFileNameWithoutExtension(path)[5..], CultureInfo.InvariantCulture);
                var tone = (110 + index * 7 % 800).ToString(CultureInfo.InvariantCulture);
                var wav = Shell.Quote(path + ".wav");
                Shell.Run($"sox -n -r 16000 -c 1 -b 16 {wav} synth {Seconds.ToString(CultureInfo.InvariantCulture)} pinknoise synth sine amod {tone} vol 0.5 && " +
                          $"lame --quiet -b 32 -m m {wav} {Shell.Quote(path + ".tmp")} && mv {Shell.Quote(path + ".tmp")} {Shell.Quote(path)} && rm {wav}");
            });
        }
        return paths;
    }
}
