using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Training;

/// <summary>Whole (small) runs whose schedule changes stage, with the references' epoch-end evaluation.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class StagedTrainingTests : IDisposable
{
    private readonly TempDirectory _dir = new("staged");
    private readonly TrainingTests _kit = new();

    public void Dispose()
    {
        ((IDisposable)_kit).Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task With_the_epoch_evaluation_awaited_each_stage_change_and_the_early_stop_fall_between_epochs()
    {
        // Nothing after the first evaluation is an improvement at this threshold, and a patience of 0 ends a stage at
        // once: the second evaluation begins stage 2 from the first epoch's weights, the third stops the run.
        var defaults = TrainingTests.Settings(epochs: 10);
        var settings = defaults with
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.02, LrPatience = 0, MaxLrReductions = 1,
            Schedule = defaults.Schedule with
            {
                Kind = ScheduleKind.Plateau, ImprovementThreshold = 0.99, StageStart = StageStartMode.BestWeights, AwaitEpochEvaluation = true, LrDecay = 0,
            },
        };
        var job = _kit.Job(_dir.File("run"), epochs: 10, training: settings);
        job = TrainingTests.TrainingOn(job, job.TrainingData.Clips.Take(48).ToList(), job.ValidAudio);

        var outcome = await _kit.Train(job);

        Assert.StartsWith("early stop", outcome.StopReason);
        Assert.Equal(3, outcome.Epochs);
        Assert.Equal(3 * (48 * 21 / 16), outcome.Steps); // no step of a fourth epoch: the stop came before it began
        var rows = MetricsLog.Read(job.Run.MetricsCsv).ToList();
        Assert.Equal([1, 2, 3], rows.Select(r => r.Epoch));
        Assert.Equal([0.02, 0.02, 0.004], rows.Select(r => Math.Round(r.LearningRate, 12)));
        var best = CheckpointFile.ReadInfo(job.Run.BestCheckpoint);
        Assert.Equal((1, 48L * 21 / 16), (best.Epoch, best.Step));
        var last = CheckpointFile.ReadInfo(job.Run.LastCheckpoint);
        Assert.Equal(1, last.Schedule.Reductions);
        Assert.Equal(2L * (48 * 21 / 16), last.Schedule.StageStartStep);
    }
}
