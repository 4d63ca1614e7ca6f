using System.Diagnostics;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Benchmarks;

/// <summary>
/// The data provider into a null consumer: 59,049-sample windows per second from the cache and from MP3 files, and
/// the peak memory of runs over 1x and 10x the clips (each in a fresh process, so peaks do not mix).
/// </summary>
public static class ProviderBenchmark
{
    public static void Run(Report report, string extracted, int batchSize = 23)
    {
        var dataset = ExtractedDataset.Open(extracted);
        var clips = SplitNames.All.SelectMany(dataset.Clips).Select((c, i) => c with { Index = i }).ToList();
        var settings = PipelineSettings.Load(null, []).Provider;

        var cacheRandom = Measure(extracted, clips, settings, batchSize, fromCache: true, TrainingWindows.Random, epochs: 5);
        var cacheAll = Measure(extracted, clips, settings, batchSize, fromCache: true, TrainingWindows.All, epochs: 1);
        var files = Measure(extracted, clips, settings, batchSize, fromCache: false, TrainingWindows.Random, epochs: 1);

        var trainClips = dataset.Clips(Split.Train).Count;
        var memory = new[] { ("cache", "all"), ("files", "random") }
            .Select(m => (Source: m.Item1, Windows: m.Item2, One: PeakMegabytes(extracted, m.Item1, 1, m.Item2), Ten: PeakMegabytes(extracted, m.Item1, 10, m.Item2)))
            .ToList();

        report.Section("Data provider into a null consumer (59,049-sample windows, batch 23)", $"""
            | source | windows | windows | seconds | windows/s |
            |---|---|---|---|---|
            | audio cache (int16, memory-mapped) | one random window per clip, 5 epochs | {cacheRandom.Windows} | {cacheRandom.Seconds:F1} | **{cacheRandom.PerSecond:F0}** |
            | audio cache | every window | {cacheAll.Windows} | {cacheAll.Seconds:F1} | **{cacheAll.PerSecond:F0}** |
            | MP3 files ({settings.DecodeParallelism} supervised decoders + resampling) | one random window per clip | {files.Windows} | {files.Seconds:F1} | **{files.PerSecond:F0}** |

            Targets: >= 3,000 windows/s from the cache, >= 150 from MP3 files, on {Environment.ProcessorCount} cores.

            Peak resident memory (VmHWM) of the `provider` command over the train split once and ten times, each in a
            fresh process. The 1x run ({trainClips} clips) is larger than what can be in flight ({settings.MaxClipsInFlight(batchSize)} clips), so both
            reach their steady state. With the cache, most of the figure is the memory-mapped shards' page cache.

            | source | windows | 1x clips | peak MB | 10x clips | peak MB | change |
            |---|---|---|---|---|---|---|
            {string.Join("\n", memory.Select(m => $"| {m.Source} | {m.Windows} | {trainClips} | {m.One:F0} | {trainClips * 10} | {m.Ten:F0} | {(m.Ten - m.One) / m.One:P1} |"))}

            Target: the 10x run within 10% of the 1x run.
            """);
    }

    private sealed record Throughput(long Windows, double Seconds)
    {
        public double PerSecond => Windows / Seconds;
    }

    private static Throughput Measure(string extracted, IReadOnlyList<ClipRef> clips, ProviderSettings settings, int batchSize,
        bool fromCache, TrainingWindows windows, int epochs)
    {
        var system = ActorSystem.Create("bench", Pipeline.Host.Configuration.ConfigLayers.Load(null, []).Merged);
        try
        {
            var provider = new DataProvider(settings with { TrainingWindows = windows });
            using var cache = AudioCache.Open(Path.Combine(extracted, ArchiveFiles.AudioFolder));
            IClipAudio audio = fromCache
                ? new CachedAudio(cache)
                : SupervisedDecoders.Start(system, settings.DecodeParallelism, settings.DecodeTimeout,
                    Pipeline.Host.Configuration.PipelineSettings.Load(null, []).Audio with { SampleRate = cache.SampleRate });
            var usable = fromCache ? clips.Where(c => cache.Contains(c.Id)).ToList() : clips;
            var watch = Stopwatch.StartNew();
            long delivered = 0;
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                provider.TrainingBatches(usable, audio, batchSize, seed: 1, epoch)
                    .RunForeach(batch => delivered += batch.Count, StreamMaterializer.Create(system, settings.StreamBuffer)).Wait();
            }
            return new Throughput(delivered, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    /// <summary>Runs the `provider` command in a child process and returns that process's peak resident memory.</summary>
    private static double PeakMegabytes(string extracted, string source, int repeat, string windows)
    {
        using var provider = PipelineProgram.Start(["provider", "--data", extracted, "--repeat", repeat.ToString(), "--json",
            "-D", $"pipeline.training.audio-source={source}", "-D", $"pipeline.provider.training-windows={windows}"]);
        return provider.ReadJson().GetProperty("peak_resident_mb").GetDouble();
    }
}
