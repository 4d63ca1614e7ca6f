using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;

namespace Pipeline.Benchmarks;

/// <summary>
/// Both MP3 decoders side by side on MTAT-shaped clips (29.1 s, 16 kHz mono MP3): decoding alone and decode +
/// resample to 22,050 Hz float, per CPU-second (i.e. per core) and on every core, against the command-line
/// pipeline `mpg123 -s | sox ... rate` doing the same work.
/// </summary>
public static class DecodeBenchmark
{
    public static void Run(Report report, string benchDirectory, int clipCount)
    {
        var clips = BenchClips.Ensure(Path.Combine(benchDirectory, "clips"), clipCount);
        var audio = PipelineSettings.Load(null, []).Audio;
        var resampler = new Resampler(22_050, ResampleQuality.High);
        var rows = new StringBuilder();
        var perCore = new Dictionary<Mp3Decoder, double>();
        foreach (var decoder in new[] { Mp3Decoder.LibSndFile, Mp3Decoder.NLayer })
        {
            var reader = (audio with { Mp3Decoder = decoder }).CreateReader();
            // One untimed pass over every clip, so that the timed passes measure the steady state the command-line
            // side also gets: files in the page cache, native libraries loaded, the JIT's tiered code settled.
            Measure(clips, clip => reader.Read(clip).Samples.Length, threads: Environment.ProcessorCount);
            var decode = Measure(clips, clip => reader.Read(clip).Samples.Length, threads: 1);
            var both = Measure(clips, clip => resampler.ToOutputRate(reader.Read(clip)).Samples.Length, threads: 1);
            var allCores = Measure(clips, clip => resampler.ToOutputRate(reader.Read(clip)).Samples.Length, threads: Environment.ProcessorCount);
            var name = decoder == Mp3Decoder.NLayer ? "NLayer" : "libsndfile (libmpg123)";
            rows.AppendLine(Row($"{name}: decode, 1 thread", clips.Count, decode));
            rows.AppendLine(Row($"{name}: decode + resample, 1 thread", clips.Count, both));
            rows.AppendLine(Row($"{name}: decode + resample, {Environment.ProcessorCount} threads", clips.Count, allCores));
            perCore[decoder] = clips.Count / both.Cpu.TotalSeconds;
        }

        var script = new StringBuilder();
        foreach (var clip in clips)
            script.AppendLine($"mpg123 -q -s {Shell.Quote(clip)} | sox -t raw -r 16000 -e signed -b 16 -c 1 - -t raw -r 22050 -e float -b 32 - rate -h > /dev/null");
        var (cliWall, cliCpu) = Shell.Timed(script.ToString());
        rows.AppendLine(Row("`mpg123 -s \\| sox rate`, one clip at a time", clips.Count, (cliWall, cliCpu)));
        var cliPerCore = clips.Count / cliCpu.TotalSeconds;

        string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
        report.Section("Decode + resample (29.1 s 16 kHz mono MP3 -> 22,050 Hz float32), both MP3 decoders", $"""
            {clips.Count} clips, soxr/sox "high" quality on both sides; `auto` uses libsndfile where it loads, else NLayer.

            | pipeline | clips/s (wall) | times real time | CPU s | clips per CPU-second |
            |---|---|---|---|---|
            {rows.ToString().TrimEnd()}

            **Per core, decode + resample: libsndfile {F(perCore[Mp3Decoder.LibSndFile])}, NLayer {F(perCore[Mp3Decoder.NLayer])} clips/s;
            libsndfile is {F(perCore[Mp3Decoder.LibSndFile] / cliPerCore)}x and NLayer {F(perCore[Mp3Decoder.NLayer] / cliPerCore)}x the
            command-line pipeline** (target >= 3x).
            """);
    }

    private static string Row(string name, int clips, (TimeSpan Wall, TimeSpan Cpu) time) =>
        $"| {name} | {clips / time.Wall.TotalSeconds:F1} | {clips * BenchClips.Seconds / time.Wall.TotalSeconds:F0}x | {time.Cpu.TotalSeconds:F2} | {clips / time.Cpu.TotalSeconds:F1} |";

    private static (TimeSpan Wall, TimeSpan Cpu) Measure(IReadOnlyList<string> clips, Func<string, int> work, int threads)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long samples = 0;
        Parallel.ForEach(clips, new ParallelOptions { MaxDegreeOfParallelism = threads }, clip => Interlocked.Add(ref samples, work(clip)));
        watch.Stop();
        process.Refresh();
        if (samples == 0)
            throw new InvalidOperationException("decoded nothing");
        return (watch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }
}
