using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pipeline.Streams.Audio;

namespace Pipeline.Benchmarks;

/// <summary>
/// Decode + resample (16 kHz MP3 -> 22,050 Hz float) in process, against the command-line pipeline
/// `mpg123 -s | sox ... rate` doing the same work. Compared per CPU-second, i.e. per core.
/// </summary>
public static class DecodeBenchmark
{
    public static void Run(Report report, string benchDirectory, int clipCount)
    {
        var clips = BenchClips.Ensure(Path.Combine(benchDirectory, "clips"), clipCount);
        var resampler = new Resampler(22_050, ResampleQuality.High);
        var audioSeconds = clips.Count * BenchClips.Seconds;

        // One untimed pass over every clip, so that the timed passes measure the steady state the command-line side
        // also gets: files in the page cache, native libraries loaded, the JIT's tiered code settled (a 10-clip
        // warm-up left the first timed pass about 30% slower than the next ones).
        foreach (var clip in clips)
            resampler.ToOutputRate(AudioFileReader.Read(clip));

        var oneCore = InProcess(clips, resampler, threads: 1);
        var allCores = InProcess(clips, resampler, threads: Environment.ProcessorCount);

        var script = new StringBuilder();
        foreach (var clip in clips)
            script.AppendLine($"mpg123 -q -s {Shell.Quote(clip)} | sox -t raw -r 16000 -e signed -b 16 -c 1 - -t raw -r 22050 -e float -b 32 - rate -h > /dev/null");
        var (cliWall, cliCpu) = Shell.Timed(script.ToString());

        var inProcessPerCpuSecond = clips.Count / oneCore.Cpu.TotalSeconds;
        var cliPerCpuSecond = clips.Count / cliCpu.TotalSeconds;
        var ratio = inProcessPerCpuSecond / cliPerCpuSecond;

        string Row(string name, TimeSpan wall, TimeSpan cpu) =>
            $"| {name} | {clips.Count / wall.TotalSeconds:F1} | {audioSeconds / wall.TotalSeconds:F0}x | {cpu.TotalSeconds:F2} | {clips.Count / cpu.TotalSeconds:F1} |";

        report.Section("Decode + resample (29.1 s 16 kHz mono MP3 -> 22,050 Hz float32)", $"""
            {clips.Count} clips, soxr/sox "high" quality on both sides.

            | pipeline | clips/s (wall) | times real time | CPU s | clips per CPU-second |
            |---|---|---|---|---|
            {Row("in-process, 1 thread", oneCore.Wall, oneCore.Cpu)}
            {Row($"in-process, {Environment.ProcessorCount} threads", allCores.Wall, allCores.Cpu)}
            {Row("`mpg123 -s \\| sox rate`, one clip at a time", cliWall, cliCpu)}

            **Per core, in-process is {ratio.ToString("F1", CultureInfo.InvariantCulture)}x the command-line pipeline** (target >= 3x).
            """);
    }

    private static (TimeSpan Wall, TimeSpan Cpu) InProcess(IReadOnlyList<string> clips, Resampler resampler, int threads)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long samples = 0;
        Parallel.ForEach(clips, new ParallelOptions { MaxDegreeOfParallelism = threads }, clip =>
        {
            var audio = resampler.ToOutputRate(AudioFileReader.Read(clip));
            Interlocked.Add(ref samples, audio.Samples.Length);
        });
        watch.Stop();
        process.Refresh();
        if (samples == 0)
            throw new InvalidOperationException("decoded nothing");
        return (watch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }
}
