using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Scoring;
using Pipeline.Actors.Training;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using Pipeline.Tests.Training;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// Training on a loopback cluster: the workers cut every epoch's windows and score every snapshot, the trainer here
/// learns; a run stopped mid-epoch and resumed trains each window of that epoch once.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class ClusterTrainingTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("cluster-training");
    private readonly TrainingTests _kit = new();
    private LoopbackCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LoopbackCluster.Start();
        await _cluster.AddWorker(1);
        await _cluster.AddWorker(2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        ((IDisposable)_kit).Dispose();
        _dir.Dispose();
    }

    /// <summary>The kit's job, its clips written as files, its data and its evaluation on the cluster.</summary>
    private (TrainingJob Job, EvaluationJob Validation) OnTheCluster(string run, TrainingSettings? training = null)
    {
        var job = _kit.Job(_dir.File(run), epochs: 2, training: training);
        Directory.CreateDirectory(_dir.File("audio"));
        var train = AudibleTagsCorpus.Written(AudibleTagsCorpus.Clips(48, 0), _dir.File("audio"));
        var valid = AudibleTagsCorpus.Written(AudibleTagsCorpus.Clips(20, 1_000), _dir.File("audio"));
        var provider = new DataProvider(job.Provider);
        job = job with
        {
            TrainingData = new ClusterTrainingData(_cluster.Work, provider, AudibleTagsCorpus.SampleRate, train, job.Training.BatchSize, job.Training.Seed),
            ValidClips = valid,
        };
        var scoring = new ScoringJob("evaluate", WindowShape.Adjacent(AudibleTagsCorpus.SampleRate, job.Provider.WindowSamples), 64, job.Model,
            [.. job.Tags], [], job.Training.Precision, RegroupOptions.Mean, Layer: null);
        return (job, job.Validation with { Scoring = new ClusterScoring(_cluster.Work, scoring, job.Provider.Failures) });
    }

    private Task<TrainingOutcome> Train(TrainingJob job, EvaluationJob validation, out Akka.Actor.IActorRef run)
    {
        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        run = _kit.Sys.ActorOf(TrainingRunActor.Props(job, completion, EvaluatorActor.Props(validation)));
        return completion.Task.WaitAsync(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task The_workers_cut_every_window_of_each_epoch_once_and_score_the_snapshots_while_the_trainer_learns()
    {
        var (job, validation) = OnTheCluster("run");

        var outcome = await Train(job, validation, out _);

        Assert.Equal(2, outcome.Epochs);
        Assert.Equal(2 * 48 * WindowsPerClip(job), outcome.Windows);
        Assert.True(outcome.BestRocAuc >= 0.8, $"validation ROC-AUC {outcome.BestRocAuc}");
        Assert.Equal(2, MetricsLog.Read(job.Run.MetricsCsv).Count());
    }

    [Fact]
    public async Task A_run_stopped_mid_epoch_and_resumed_trains_each_window_of_that_epoch_once()
    {
        var (job, validation) = OnTheCluster("stopped", TrainingTests.Settings(2) with { CheckpointEverySteps = 1 });
        var windowsPerEpoch = 48 * WindowsPerClip(job);

        var first = Train(job, validation, out var run);
        while (!File.Exists(job.Run.LastCheckpoint) || CheckpointFile.ReadInfo(job.Run.LastCheckpoint).Step < 2)
            await Task.Delay(50);
        run.Tell(new StopTraining("interrupted"), Akka.Actor.ActorRefs.NoSender);
        var stopped = await first;
        var checkpoint = CheckpointFile.ReadInfo(job.Run.LastCheckpoint);
        var resumed = await Train(job with { Resume = true }, validation, out _);

        Assert.Equal(0, stopped.Epochs);
        Assert.Equal(stopped.Windows, checkpoint.WindowsTrainedInEpoch.Count);
        Assert.InRange(stopped.Windows, 1, windowsPerEpoch - 1);
        Assert.Equal(2, resumed.Epochs);
        Assert.Equal(windowsPerEpoch - stopped.Windows + windowsPerEpoch, resumed.Windows);
    }

    private static int WindowsPerClip(TrainingJob job) => 2 * AudibleTagsCorpus.SampleRate / job.Provider.WindowSamples;
}
