using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Streams.Provider;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

public sealed class SnapshotTests
{
    private static Batch FixedBatch(int rows, int length, int seed)
    {
        var random = new Random(seed);
        var clips = Enumerable.Range(0, rows).Select(i => new ClipRef(i, $"c{i}", "", [.. Enumerable.Range(0, 3).Select(t => (float)random.Next(2))])).ToList();
        var segments = clips.Select(c => new Segment(c, 0, Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())).ToList();
        return Batch.From(segments);
    }

    [Fact]
    public void Training_after_a_snapshot_does_not_change_what_the_snapshot_evaluates_to()
    {
        var model = TrainingTests.SmallCnn;
        var settings = TrainingTests.Settings(epochs: 1) with { LearningRate = 0.05 };
        using var training = new TrainingSession(model, settings, model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        using var evaluation = new EvaluationSession(model, model.InputSamples, AudibleTagsCorpus.Tags, CPU);
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
}
