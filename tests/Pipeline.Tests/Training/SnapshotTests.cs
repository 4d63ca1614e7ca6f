using Pipeline.Streams.Graph.Stages;
using Pipeline.Shared;
using Pipeline.Model.Evaluation;
using Pipeline.Tests.Support;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

[Collection(TorchGlobalStateCollection.Name)] // resuming sets libtorch's random generator, which other tests draw from
public sealed class SnapshotTests
{
    private static Batch FixedBatch(int rows, int length, int seed)
    {
        var random = new Random(seed);
        var clips = Enumerable.Range(0, rows).Select(i => new ClipRef(i, $"c{i}", "", [.. Enumerable.Range(0, 3).Select(t => (float)random.Next(2))])).ToList();
        var windows = clips.Select(c => new Window(c, 0, Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())).ToList();
        return BatchStage.From(windows, length, []);
    }

    [Fact]
    public void The_best_checkpoint_resumes_like_the_last_one_written_at_the_same_step()
    {
        using var dir = new TempDirectory("snapshot");
        var model = TrainingTests.SmallCnn;
        var settings = TrainingTests.Settings(epochs: 1) with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05 };
        var (best, last) = (dir.File("best.ckpt"), dir.File("last.ckpt"));
        using (var training = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU))
        {
            for (var step = 0; step < 3; step++)
                training.TrainStep(FixedBatch(16, model.InputSamples, seed: 20 + step));
            using var snapshot = training.Snapshot(version: 1);
            training.SaveLast(last, "config", 16_000);
            // Training goes on before the evaluation of the snapshot comes back and the best checkpoint is written.
            training.TrainStep(FixedBatch(16, model.InputSamples, seed: 30));
            training.SaveBest(best, snapshot, validationLoss: 0.5, "config", 16_000);
        }

        var next = FixedBatch(16, model.InputSamples, seed: 40);
        Dictionary<string, Tensor> ResumedAndStepped(string checkpoint)
        {
            using var resumed = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU);
            var info = resumed.Resume(checkpoint);
            Assert.Equal((3, 3), (info.Step, info.StepInEpoch));
            resumed.TrainStep(next); // momentum and dropout draws both count: a fresh optimiser or generator would differ
            return resumed.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        }
        var fromBest = ResumedAndStepped(best);
        var fromLast = ResumedAndStepped(last);

        foreach (var (name, weights) in fromLast)
            Assert.True(weights.allclose(fromBest[name], rtol: 0, atol: 0), $"{name} differs between resuming from best and from last");
    }

    [Fact]
    public void Training_after_a_snapshot_does_not_change_what_the_snapshot_evaluates_to()
    {
        var model = TrainingTests.SmallCnn;
        var settings = TrainingTests.Settings(epochs: 1) with { LearningRate = 0.05 };
        using var training = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        using var evaluation = new EvaluationSession(model, model.InputSamples, AudibleTagsCorpus.Tags, CPU, settings.Precision);
        var probe = FixedBatch(8, model.InputSamples, seed: 1);
        training.TrainStep(FixedBatch(16, model.InputSamples, seed: 2));

        using var snapshot = training.Snapshot(version: 1);
        evaluation.Load(snapshot);
        var before = evaluation.Predict(probe);

        for (var step = 0; step < 5; step++)
            training.TrainStep(FixedBatch(16, model.InputSamples, seed: 10 + step));
        using var later = training.Snapshot(version: 2);
        evaluation.Load(later);
        var trainedFurther = evaluation.Predict(probe);
        evaluation.Load(snapshot);
        var again = evaluation.Predict(probe);

        Assert.Equal(before, again);
        Assert.NotEqual(before, trainedFurther);
        Assert.Equal(1, snapshot.Step);
        Assert.Equal(6, later.Step);
    }

    [Fact]
    public void A_bf16_run_checkpoints_float32_weights_and_optimiser_state_that_resume_it_exactly()
    {
        using var dir = new TempDirectory("bf16-checkpoint");
        var model = TrainingTests.SmallCnn;
        var settings = TrainingTests.Settings(epochs: 1) with { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Precision = Precision.Bf16 };
        var last = dir.File("last.ckpt");
        var next = FixedBatch(16, model.InputSamples, seed: 40);
        Dictionary<string, Tensor> continued;
        using (var training = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU))
        {
            Assert.Equal(ScalarType.BFloat16, training.LowPrecision);
            for (var step = 0; step < 3; step++)
                training.TrainStep(FixedBatch(16, model.InputSamples, seed: 20 + step));
            training.SaveLast(last, "config", 16_000);
            Assert.All(training.Model.state_dict().Values.Where(t => t.is_floating_point()), t => Assert.Equal(ScalarType.Float32, t.dtype));
            training.TrainStep(next);
            continued = training.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        }

        // TorchSharp loads a state dict only into tensors of the type it was saved with: a plain float32 model takes it.
        var (evaluation, _) = EvaluationSession.FromCheckpoint(last, CPU, Precision.Fp32);
        evaluation.Dispose();
        using var resumed = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        resumed.Resume(last);
        resumed.TrainStep(next); // SGD's momentum comes from the file: a fresh one would step elsewhere

        foreach (var (name, weights) in resumed.Model.state_dict())
            Assert.True(weights.allclose(continued[name], rtol: 0, atol: 0), $"{name} differs between the resumed bf16 run and the uninterrupted one");
    }
}
