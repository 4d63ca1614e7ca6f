using Pipeline.Streams.Graph;
using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Scoring;
using Pipeline.Host.Configuration;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;

namespace Pipeline.Benchmarks;

/// <summary>
/// Tagging a collection: MTAT-length clips (29.1 s, 16 kHz mono MP3) through the whole `tag` graph (supervised
/// decoders, resampling to 22,050 Hz, batches packed across files, the model on the torch dispatcher, regrouping)
/// with the default 3^9 SampleCNN, against the model's own evaluation throughput: the same batches of windows,
/// already in memory, through <see cref="EvaluationSession.Predict"/> on one thread. The ratio says how much of
/// decoding is hidden behind inference (target >= 90%).
/// </summary>
public static class TaggingBenchmark
{
    public static void Run(Report report, string benchDirectory, int clipCount)
    {
        var clips = BenchClips.Ensure(Path.Combine(benchDirectory, "clips"), clipCount);
        var settings = PipelineSettings.Load(null, []);
        var device = TorchRuntime.ResolveDevice(settings.Training.Device);
        TorchRuntime.Configure(settings.Training.Threads, device);
        var tags = Enumerable.Range(0, 50).Select(t => $"tag{t}").ToList();
        using var session = new EvaluationSession(settings.Model, settings.Provider.WindowSamples, tags, device, settings.Training.Precision);
        var shape = WindowShape.Adjacent(settings.Audio.SampleRate, settings.Provider.WindowSamples);
        var batchSize = settings.Training.EvaluationBatchSize;

        var windowsPerClip = (int)shape.WindowsFor((long)Math.Round(BenchClips.Seconds * settings.Audio.SampleRate));
        var modelWindows = Math.Min(clips.Count * windowsPerClip, 40 * batchSize);
        var before = ModelThroughput(session, shape, batchSize, modelWindows);

        var system = ActorSystem.Create("bench-tagging", ConfigLayers.Load(null, []).Merged);
        long windows = 0;
        var tagged = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            var files = clips.Select((path, i) => ClipRef.File(i, path)).ToList();
            var scoring = new ScoringShape(shape, settings.Provider.DecodeParallelism, batchSize);
            var audio = SupervisedDecoders.Start(system, scoring.ClipsAtOnce, settings.Provider.DecodeTimeout, settings.Audio,
                chunkSamples: batchSize * shape.WindowSamples);
            var scorer = system.ActorOf(ScoringActor.Props(session, tap: null));
            var outcomes = ScoringGraph.Score(files, audio, scoring, ScoringActor.Flow(scorer), RegroupOptions.Mean, FailurePolicy.ReportOnly(Serilog.Log.Logger));
            ScoringRun.Run(system, outcomes, settings.Provider.StreamBuffer, outcome =>
                {
                    if (outcome is not ClipScored file)
                        throw new InvalidOperationException($"{outcome.Clip.AudioPath} was not tagged: {((ClipNotScored)outcome).Reason}");
                    tagged++;
                    windows += file.Windows;
                }, CancellationToken.None).Wait();
        }
        finally
        {
            system.Terminate().Wait();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var after = ModelThroughput(session, shape, batchSize, modelWindows);
        var model = Math.Max(before, after);
        var tagging = windows / seconds;

        report.Section($"Tagging a collection ({tagged} MTAT-length clips, 3^9 SampleCNN, {Environment.ProcessorCount} CPU cores, {device.type})", $"""
            | measure | windows/s | clips/s |
            |---|---|---|
            | the model alone: batches of {batchSize} windows in memory, `Predict` (before / after tagging) | {before:F1} / {after:F1} | {before / windowsPerClip:F2} / {after / windowsPerClip:F2} |
            | `tag`: decode + resample + window + pack + model + regroup, {settings.Provider.DecodeParallelism} decoders | {tagging:F1} | {tagged / seconds:F2} |

            {windows} windows ({windowsPerClip} per clip) in {seconds:F1} s. **Tagging runs at {tagging / model:P1} of the model's own evaluation
            throughput** (the better of the two model runs; target >= 90%: decoding hidden behind inference).
            """);
    }

    /// <summary>Windows per second through the model alone, after two untimed batches (libtorch's first passes are slower).</summary>
    private static double ModelThroughput(EvaluationSession session, WindowShape shape, int batchSize, int windows)
    {
        var random = new Random(1);
        var samples = new float[batchSize * shape.WindowSamples];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(random.NextDouble() - 0.5) * 0.5f;
        var batch = Batch.Unlabelled(batchSize, shape.WindowSamples, samples);
        for (var i = 0; i < 2; i++)
            session.Predict(batch);
        var batches = Math.Max(1, windows / batchSize);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
            session.Predict(batch);
        return batches * batchSize / watch.Elapsed.TotalSeconds;
    }
}
