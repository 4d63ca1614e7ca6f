using System.Diagnostics;
using Akka.Actor;
using Pipeline.Actors.Training;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Benchmarks;

/// <summary>
/// Training throughput of the default model (the 3^9 SampleCNN, batch 23, SGD) on this machine's CPU cores: first in
/// fp32 and in bf16 mixed precision, back to back on the same in-memory batches (<see cref="PrecisionComparison"/>,
/// self-contained); then fed from the audio cache through the real trainer actor, with the share of step time spent
/// waiting for data, and evaluation throughput (clips per second, every window of a 29.1 s clip) through the
/// evaluator actor, which need the extract benchmark's corpus.
/// </summary>
public static class TrainingBenchmark
{
    public static void Run(Report report, string extracted, string benchDirectory, int steps, int evaluationClips)
    {
        PrecisionComparison.Run(report, rounds: 3, trainStepsPerRound: 2, evaluationBatchesPerRound: 3);
        if (!File.Exists(Path.Combine(extracted, "summary.json")))
        {
            report.Section("Training and evaluation through the actors", $"Skipped: {extracted} is missing (run the extract benchmark first; `make bench` runs all).");
            return;
        }
        var settings = PipelineSettings.Load(null, []);
        var dataset = ExtractedDataset.Open(extracted);
        var run = new RunFolder(Path.Combine(benchDirectory, "train-run"));
        if (Directory.Exists(run.Root))
            Directory.Delete(run.Root, recursive: true);
        run.Create();

        var system = ActorSystem.Create("bench", ConfigLayers.Load(null, []).Merged);
        try
        {
            // One window per clip, so that `steps` batches of clips are `steps` steps.
            var provider = new DataProvider(settings.Provider with { TrainingWindows = TrainingWindows.Random });
            using var cache = AudioCache.Open(dataset.AudioCacheDirectory);
            var audio = new CachedAudio(cache);
            var train = dataset.Clips(Split.Train).Where(c => cache.Contains(c.Id)).Take(steps * settings.Training.BatchSize)
                .Select((c, i) => c with { Index = i }).ToList();
            var valid = dataset.Clips(Split.Test).Where(c => cache.Contains(c.Id)).Take(evaluationClips)
                .Select((c, i) => c with { Index = i }).ToList();
            var training = settings.Training with { Epochs = 1, LogEverySteps = 10, CheckpointEverySteps = 0, SnapshotEverySteps = 0 };
            var job = new TrainingJob(settings.Model, training, provider.Settings, dataset.Tags,
                new LocalTrainingData(provider, train, audio, training.BatchSize, training.Seed), valid, audio, run, "bench",
                cache.SampleRate, Resume: false);

            var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = Stopwatch.StartNew();
            system.ActorOf(TrainingRunActor.Props(job, completion));
            var outcome = completion.Task.Result;
            var total = watch.Elapsed;

            var evaluation = new TaskCompletionSource<EvaluationCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var info = CheckpointFile.ReadInfo(run.LastCheckpoint);
            system.ActorOf(EvaluationRunActor.Props(job.Validation, CheckpointWeights.Load(run.LastCheckpoint, info), evaluation));
            var evaluated = evaluation.Task.Result;
            evaluated.Snapshot.Dispose();

            report.Section($"Training and evaluation (3^9 SampleCNN, batch {training.BatchSize}, {Environment.ProcessorCount} CPU cores)", $"""
                | steps | windows | step time s | data wait s (first batch) | windows/s | waiting for data | besides the epoch's start |
                |---|---|---|---|---|---|---|
                | {outcome.Steps} | {outcome.Windows} | {outcome.StepTime.TotalSeconds:F1} | {outcome.DataWait.TotalSeconds:F2} ({outcome.EpochStartWait.TotalSeconds:F2}) | **{outcome.WindowsPerSecond:F1}** | {outcome.DataWaitShare:P2} | **{outcome.SteadyDataWaitShare:P2}** |

                Fed from the audio cache by the provider, acknowledged after each optimiser step (wall time {total.TotalSeconds:F0} s
                including start-up and the end-of-epoch evaluation). Target: waiting for data < 1% of step time. The first batch
                of an epoch waits once for the shuffle buffer ({Math.Min(train.Count, settings.Provider.ShuffleBuffer)} windows) to fill; over a real epoch
                (MTAT: 663 steps) that is negligible, over these {steps} steps it is not, so it is shown apart.

                Evaluation of {evaluated.Report.Clips} clips (every 59,049-sample window of 29.1 s clips, predictions averaged per
                clip): {evaluated.Duration.TotalSeconds:F1} s, **{evaluated.Report.Clips / evaluated.Duration.TotalSeconds:F1} clips/s**.
                """);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }
}
