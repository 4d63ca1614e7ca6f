using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Host.Configuration;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Benchmarks;

/// <summary>
/// How well an epoch of every window is shuffled, on MTAT's shape (15,250 training clips of 10 windows, batches of
/// 23): the share of batches holding two windows of one clip, and same-clip pairs per batch, through the files path's
/// shuffle buffer at several sizes and from the cache's permutation, beside the references' own loaders. Synthetic
/// 4-sample windows: the order does not depend on the samples, and the memory column gives what the buffer would hold
/// at 59,049 samples.
/// </summary>
public static class ShuffleBenchmark
{
    private const int Clips = 15_250, WindowsPerClip = 10, BatchSize = 23, Segment = 4;

    public static void Run(Report report)
    {
        var system = ActorSystem.Create("bench", ConfigLayers.Load(null, []).Merged);
        try
        {
            var defaults = PipelineSettings.Load(null, []).Provider;
            var rows = new[] { 256, 1_024, 2_048, 4_096, 8_192, 16_000, 16_384, 32_768 }
                .Select(size => Row($"files, shuffle buffer {size:N0}{(size == defaults.ShuffleBuffer ? " (default)" : "")}{(size == 16_000 ? " (resemul's queue)" : "")}",
                    size * 59_049 * 4.0 / (1 << 20), Measure(system, size, randomAccess: false)))
                .Append(Row("cache, permutation of every (clip, window)", 0, Measure(system, 1, randomAccess: true)))
                .Append(Row("uniform permutation (formula)", double.NaN, (UniformShare(Clips * WindowsPerClip), 9.0 * 253 / (Clips * WindowsPerClip - 1))))
                .Append(Row("jongpillee/sampleCNN loader (formula: 412-clip subsets permuted)", 4_120 * 59_049 * 4.0 / (1 << 20),
                    (UniformShare(4_120), 9.0 * 253 / 4_119)));
            report.Section("Shuffle quality of an epoch of every window (MTAT shape: 15,250 clips x 10 windows, batches of 23)", $"""
                | order | buffer memory at 59,049 samples (MB) | batches with two windows of one clip | same-clip pairs per batch |
                |---|---|---|---|
                {string.Join("\n", rows)}

                A uniform permutation: 1 - prod_i (M - 10 i) / (M - i) for M windows. resemul (data/batch.py) draws from a
                queue of at least 16,000 windows; Lee's own loader permutes subsets of 412 clips (37 partitions).
                """);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    private static string Row(string order, double megabytes, (double Share, double Pairs) measured) =>
        $"| {order} | {(double.IsNaN(megabytes) ? "" : megabytes.ToString("F0"))} | {measured.Share:P2} | {measured.Pairs:F3} |";

    private static (double Share, double Pairs) Measure(ActorSystem system, int shuffleBuffer, bool randomAccess)
    {
        var defaults = PipelineSettings.Load(null, []).Provider;
        var provider = new DataProvider(defaults with { WindowSamples = Segment, ShuffleBuffer = shuffleBuffer, TrainingWindows = TrainingWindows.All });
        var clips = Enumerable.Range(0, Clips).Select(i => new ClipRef(i, $"clip-{i}", $"/virtual/{i}.mp3", [0f])).ToList();
        var audio = new SilentAudio(WindowsPerClip * Segment, randomAccess);
        var batches = provider.TrainingBatches(clips, audio, BatchSize, seed: 1, epoch: 0)
            .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(system, defaults.StreamBuffer)).Result;
        var pairs = batches.Sum(b => b.Clips.GroupBy(c => c).Sum(g => g.Count() * (g.Count() - 1) / 2));
        return (batches.Count(b => b.Clips.Distinct().Count() < b.Count) / (double)batches.Count, pairs / (double)batches.Count);
    }

    private static double UniformShare(int windows)
    {
        double distinct = 1;
        for (var i = 0; i < BatchSize; i++)
            distinct *= (windows - WindowsPerClip * i) / (double)(windows - i);
        return 1 - distinct;
    }
}
