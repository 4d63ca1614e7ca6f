using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Training;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>The trainer and the run supervisor through whole (small) training runs.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class TrainerActorTests : IDisposable
{
    private readonly TempDirectory _dir = new("trainer");
    private readonly TrainingTests _kit = new();

    public void Dispose()
    {
        ((IDisposable)_kit).Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_trainer_never_steps_without_a_batch()
    {
        using var gate = new ManualResetEventSlim(false);
        var job = _kit.Job(_dir.File("run"), epochs: 1, training: TrainingTests.Settings(1) with { CheckpointEverySteps = 1 });
        var blocked = SupervisedDecoders.Start(_kit.Sys, 2, TimeSpan.FromMinutes(2), path =>
        {
            gate.Wait();
            return AudibleTagsCorpus.Decode(path);
        }, AudibleTagsCorpus.SampleRate, name: "blocked-decoders");
        job = TrainingTests.TrainingOn(job, job.TrainingData.Clips.Take(32).ToList(), blocked);

        var training = _kit.Train(job);
        await Task.Delay(2_000);

        // A checkpoint is written after every step: none means no step was taken while no batch could come.
        Assert.False(File.Exists(job.Run.LastCheckpoint));
        Assert.False(training.IsCompleted);
        gate.Set();
        var outcome = await training;
        Assert.Equal(32 * 21 / 16, outcome.Steps); // every window of 32 clips of 2 s, in batches of 16
    }

    [Fact]
    public async Task A_run_whose_evaluator_drops_overtaken_snapshots_still_finishes()
    {
        // A snapshot every step: the evaluator cannot keep up and drops the ones overtaken while waiting. A patience
        // that never runs out keeps the early stop (which depends on which snapshots got evaluated) out of it.
        var job = _kit.Job(_dir.File("run"), epochs: 2, training: TrainingTests.Settings(2) with { SnapshotEverySteps = 1, LrPatience = 10_000 });
        job = TrainingTests.TrainingOn(job, job.TrainingData.Clips.Take(48).ToList(), job.ValidAudio);

        var outcome = await _kit.Train(job);

        Assert.Equal(2 * (48 * 21 / 16), outcome.Steps);
        Assert.InRange(outcome.Evaluations, 1, outcome.Steps + 1);
        Assert.True(outcome.Evaluations < outcome.Steps, "some snapshots were dropped, or this test does not test what it says");
    }

    [Fact]
    public async Task A_stop_in_the_middle_of_an_epoch_ends_the_run_with_a_checkpoint_to_resume_from()
    {
        // The stop arrives while the provider has batches in flight, as a Ctrl+C or an early stop does.
        var job = _kit.Job(_dir.File("run"), epochs: 2, training: TrainingTests.Settings(2) with { SnapshotEverySteps = 1, LrPatience = 10_000 });
        var run = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        var decoded = 0;
        var stopAfterSomeClips = Flow.Create<ClipRef>()
            .Select(clip =>
            {
                if (Interlocked.Increment(ref decoded) == 30)
                    run.Task.Result.Tell(new StopTraining("interrupted"));
                return clip;
            });
        var stopped = TrainingTests.TrainingOn(job, job.TrainingData.Clips.Take(48).ToList(), new PrecededAudio(job.ValidAudio, stopAfterSomeClips));

        var training = _kit.Train(stopped, out var started);
        run.SetResult(started);
        var outcome = await training;

        Assert.Equal("interrupted", outcome.StopReason);
        Assert.Equal(0, outcome.Epochs);
        Assert.InRange(outcome.Steps, 1, 48 * 21 / 16 - 1);
        var checkpoint = CheckpointFile.ReadInfo(job.Run.LastCheckpoint);
        Assert.Equal(outcome.Steps, checkpoint.Step);
        Assert.Equal(outcome.Steps, checkpoint.StepInEpoch);
        Assert.True(Volatile.Read(ref decoded) < 48, $"{decoded} of 48 clips read: the stop waited for the rest of the epoch");

        var resumed = await _kit.Train(TrainingTests.TrainingOn(stopped, stopped.TrainingData.Clips, job.ValidAudio) with { Resume = true });
        Assert.Equal(2, resumed.Epochs);
        Assert.Equal(2 * (48 * 21 / 16), resumed.Steps);
    }

    [Fact]
    public async Task An_evaluator_crash_restarts_the_evaluator_and_training_goes_on()
    {
        var job = _kit.Job(_dir.File("run"), epochs: 2);
        var elements = 0;
        var failOnce = Flow.Create<ClipRef>()
            .Select(clip => Interlocked.Increment(ref elements) == 5 ? throw new InvalidOperationException("injected validation failure") : clip);
        job = TrainingTests.TrainingOn(job, job.TrainingData.Clips.Take(48).ToList(), job.ValidAudio) with { ValidAudio = new PrecededAudio(job.ValidAudio, failOnce) };

        var outcome = await _kit.Train(job);

        Assert.Equal(1, outcome.EvaluatorRestarts);
        Assert.Equal(2, outcome.Epochs);
        Assert.Equal(2 * (48 * 21 / 16), outcome.Steps);
        Assert.True(outcome.Evaluations >= 1);
    }

    [Fact]
    public async Task A_resumed_run_continues_the_step_count_and_optimiser_state_and_ends_where_an_uninterrupted_run_ends()
    {
        var settings = TrainingTests.Settings(2) with { Threads = 1, LrPatience = 100, Optimizer = Pipeline.Model.Training.OptimizerKind.Sgd, LearningRate = 0.02 };
        var straight = _kit.Job(_dir.File("straight"), epochs: 2, training: settings);
        straight = TrainingTests.TrainingOn(straight, straight.TrainingData.Clips.Take(48).ToList(), straight.ValidAudio);
        var whole = await _kit.Train(straight);

        var firstHalf = straight with { Training = settings with { Epochs = 1 }, Run = new RunFolder(_dir.File("resumed")) };
        firstHalf.Run.Create();
        var first = await _kit.Train(firstHalf);
        var afterFirst = CheckpointFile.ReadInfo(firstHalf.Run.LastCheckpoint);
        var resumed = await _kit.Train(firstHalf with { Training = settings, Resume = true });
        var afterResume = CheckpointFile.ReadInfo(firstHalf.Run.LastCheckpoint);

        Assert.Equal(first.Steps, afterFirst.Step);
        Assert.Equal(whole.Steps, resumed.Steps);
        Assert.Equal(2 * afterFirst.Step, afterResume.Step);
        Assert.Equal(2, MetricsLog.Read(firstHalf.Run.MetricsCsv).Count());
        using var straightModel = ModelFactory.Create(TrainingTests.SmallCnn, TrainingTests.SmallCnn.InputSamples, 3);
        using var resumedModel = ModelFactory.Create(TrainingTests.SmallCnn, TrainingTests.SmallCnn.InputSamples, 3);
        CheckpointFile.Load(straight.Run.LastCheckpoint, straightModel, null);
        CheckpointFile.Load(firstHalf.Run.LastCheckpoint, resumedModel, null);
        foreach (var ((name, a), (_, b)) in straightModel.state_dict().Zip(resumedModel.state_dict()))
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5), $"{name} differs between the uninterrupted and the resumed run");
    }
}
