using System.Diagnostics;
using System.Globalization;
using Pipeline.Host.Configuration;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// fp32 against bf16 mixed precision (pipeline.training.precision) for the configured model: optimiser steps of a
/// training session and predictions of an evaluation session, on the same in-memory batches, alternating between the
/// two precisions round by round so that a change in the machine's load falls on both. Needs no corpus: precision
/// changes only the model's arithmetic, which batches of noise exercise as real audio does.
/// </summary>
public static class PrecisionComparison
{
    private sealed record Throughput(double TrainSeconds, int TrainWindows, double EvaluationSeconds, int EvaluationWindows)
    {
        public double TrainRate => TrainWindows / TrainSeconds;
        public double EvaluationRate => EvaluationWindows / EvaluationSeconds;
    }

    public static void Run(Report report, int rounds, int trainStepsPerRound, int evaluationBatchesPerRound)
    {
        var settings = PipelineSettings.Load(null, []);
        var training = settings.Training with { Epochs = 1 };
        TorchRuntime.Configure(training.Threads, CPU);
        var (model, samples) = (settings.Model, settings.Provider.WindowSamples);
        var tags = Enumerable.Range(0, 50).Select(i => $"tag{i}").ToList();
        var trainBatch = NoiseBatch(training.BatchSize, samples, tags.Count, seed: 1);
        var evaluationBatch = NoiseBatch(training.EvaluationBatchSize, samples, tags.Count, seed: 2);
        var loadBefore = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

        Precision[] precisions = [Precision.Fp32, Precision.Bf16];
        var sessions = precisions.ToDictionary(p => p, p => new TrainingSession(model, training with { Precision = p }, samples, tags, CPU));
        var evaluators = precisions.ToDictionary(p => p, p => new EvaluationSession(model, samples, tags, CPU, p));
        var totals = precisions.ToDictionary(p => p, _ => new Throughput(0, 0, 0, 0));
        try
        {
            foreach (var p in precisions)
            {
                sessions[p].TrainStep(trainBatch); // first steps allocate and pick kernels
                using var snapshot = sessions[p].Snapshot(version: 1);
                evaluators[p].Load(snapshot);
                evaluators[p].Predict(evaluationBatch);
            }
            for (var round = 0; round < rounds; round++)
            {
                foreach (var p in precisions)
                {
                    var watch = Stopwatch.StartNew();
                    for (var step = 0; step < trainStepsPerRound; step++)
                        sessions[p].TrainStep(trainBatch);
                    var trained = watch.Elapsed.TotalSeconds;
                    watch.Restart();
                    for (var batch = 0; batch < evaluationBatchesPerRound; batch++)
                        evaluators[p].Predict(evaluationBatch);
                    var t = totals[p];
                    totals[p] = new Throughput(t.TrainSeconds + trained, t.TrainWindows + trainStepsPerRound * trainBatch.Count,
                        t.EvaluationSeconds + watch.Elapsed.TotalSeconds, t.EvaluationWindows + evaluationBatchesPerRound * evaluationBatch.Count);
                }
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
                session.Dispose();
            foreach (var evaluator in evaluators.Values)
                evaluator.Dispose();
        }

        var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var (fp32, bf16) = (totals[Precision.Fp32], totals[Precision.Bf16]);
        var bf16Flag = PrecisionSupport.NativeBf16(CPU).Why;
        report.Section($"fp32 against bf16 mixed precision ({model.Architecture}, batch {training.BatchSize}, evaluation batch {training.EvaluationBatchSize}, {get_num_threads()} threads)", $"""
            | precision | training windows/s | evaluation windows/s |
            |---|---|---|
            | fp32 | {fp32.TrainRate:F2} | {fp32.EvaluationRate:F2} |
            | bf16 | {bf16.TrainRate:F2} | {bf16.EvaluationRate:F2} |
            | **bf16 / fp32** | **{bf16.TrainRate / fp32.TrainRate:F2}x** | **{bf16.EvaluationRate / fp32.EvaluationRate:F2}x** |

            {rounds} rounds, each {trainStepsPerRound} optimiser steps and {evaluationBatchesPerRound} evaluation batches per precision,
            fp32 then bf16, after a warm-up step and batch each; batches of noise, {samples:N0} samples per segment. Targets:
            training at least 1.4x, evaluation at least 1.8x. The CPU: {bf16Flag}. Load average (1, 5, 15 min) before:
            {loadBefore}; after: {loadAfter}.
            """);
    }

    private static Batch NoiseBatch(int rows, int samples, int tags, int seed)
    {
        var random = new Random(seed);
        var windows = Enumerable.Range(0, rows).Select(i =>
        {
            var labels = Enumerable.Range(0, tags).Select(_ => random.Next(5) == 0 ? 1f : 0f);
            var clip = new ClipRef(i, string.Create(CultureInfo.InvariantCulture, $"noise{i}"), "", [.. labels]);
            return new Window(clip, 0, Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray());
        }).ToList();
        return BatchStage.From(windows, samples, []);
    }
}
