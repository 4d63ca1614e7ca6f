using Akka.Actor;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Training;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Training;

public sealed class TrainingTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempDirectory _dir = new("training");

    public TrainingTests() : base(TestAkka.Config) { }

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    public static readonly ModelSettings SmallCnn = TestSettings.Defaults.Model with
    {
        Depth = 5,
        StemChannels = 16,
        BlockChannels = [16, 16, 32, 32, 32],
        HeadChannels = 32,
        Dropout = 0.1,
    };

    public static TrainingSettings Settings(int epochs) => TestSettings.Defaults.Training with
    {
        Epochs = epochs, BatchSize = 16, Optimizer = OptimizerKind.Adam, LearningRate = 0.003, WeightDecay = 0, MaxLrReductions = 2,
        CheckpointEverySteps = 50, LogEverySteps = 50, Device = DeviceChoice.Cpu, Precision = Precision.Fp32, Threads = 2, Seed = 5,
        EvaluationBatchSize = 64,
    };

    public TrainingJob Job(string runFolder, int epochs, bool resume = false, TrainingSettings? training = null)
    {
        var providerSettings = new ProviderSettings(SmallCnn.InputSamples, TrainingWindows.All, 256, 2, 4, TimeSpan.FromSeconds(30), 50, 0.5);
        var provider = new DataProvider(providerSettings);
        var audio = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), AudibleTagsCorpus.Decode, AudibleTagsCorpus.SampleRate, name: $"decoders-{Guid.NewGuid():N}");
        var run = new RunFolder(runFolder);
        run.Create();
        var settings = training ?? Settings(epochs);
        var train = AudibleTagsCorpus.Clips(160, 0);
        return new TrainingJob(SmallCnn, settings, providerSettings, AudibleTagsCorpus.Tags,
            new LocalTrainingData(provider, train, audio, settings.BatchSize, settings.Seed),
            AudibleTagsCorpus.Clips(60, 1_000), audio, run, "test-config", AudibleTagsCorpus.SampleRate, resume);
    }

    /// <summary>The job training on <paramref name="clips"/> read through <paramref name="audio"/> (the job's own decoders: its ValidAudio).</summary>
    public static TrainingJob TrainingOn(TrainingJob job, IReadOnlyList<ClipRef> clips, IClipAudio audio) =>
        job with { TrainingData = new LocalTrainingData(new DataProvider(job.Provider), clips, audio, job.Training.BatchSize, job.Training.Seed) };

    public Task<TrainingOutcome> Train(TrainingJob job) => Train(job, out _);

    public Task<TrainingOutcome> Train(TrainingJob job, out IActorRef run)
    {
        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        run = Sys.ActorOf(TrainingRunActor.Props(job, completion));
        return completion.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_small_SampleCNN_learns_audible_tags_to_a_validation_ROC_AUC_of_at_least_0_9()
    {
        var job = Job(_dir.File("run"), epochs: 2);

        var outcome = await Train(job);

        Assert.Equal(2, outcome.Epochs);
        Assert.True(outcome.Steps >= 300, $"{outcome.Steps} steps");
        Assert.NotNull(outcome.BestRocAuc);
        Assert.True(outcome.BestRocAuc >= 0.9, $"validation ROC-AUC {outcome.BestRocAuc}");
        var rows = MetricsLog.Read(job.Run.MetricsCsv).ToList();
        Assert.Equal(2, rows.Count);
        // The best snapshot is the one with the lowest validation loss; its ROC-AUC is the one reported.
        Assert.Equal(outcome.BestRocAuc!.Value, rows.MinBy(r => r.ValidLoss)!.ValidRocAuc!.Value, 4);
        var perTag = File.ReadAllLines(job.Run.PerTagMetricsCsv);
        Assert.Equal("epoch,step,tag,roc_auc,pr_auc,positives", perTag[0]);
        Assert.Equal(2 * AudibleTagsCorpus.Tags.Length, perTag.Length - 1);
        Assert.Contains(perTag, l => l.StartsWith($"2,{outcome.Steps},\"loud\",", StringComparison.Ordinal));
        Assert.True(File.Exists(job.Run.BestCheckpoint));
        Assert.True(File.Exists(job.Run.LastCheckpoint));
        Assert.True(new FileInfo(job.Run.LossPlot).Length > 1_000);
        Assert.True(new FileInfo(job.Run.AucPlot).Length > 1_000);
    }

    /// <summary>
    /// The same run with bf16 layers in training and in the validation evaluator: mixed precision still learns the
    /// audible tags (the bf16 gradients descend), and the evaluator scores the float32 snapshots with bf16 layers.
    /// </summary>
    [Fact]
    public async Task A_small_SampleCNN_learns_audible_tags_in_bf16_to_a_validation_ROC_AUC_of_at_least_0_9()
    {
        var job = Job(_dir.File("bf16"), epochs: 2, training: Settings(2) with { Precision = Precision.Bf16 });

        var outcome = await Train(job);

        Assert.Equal(2, outcome.Epochs);
        Assert.NotNull(outcome.BestRocAuc);
        Assert.True(outcome.BestRocAuc >= 0.9, $"validation ROC-AUC {outcome.BestRocAuc}");
        var rows = MetricsLog.Read(job.Run.MetricsCsv).ToList();
        Assert.True(rows[^1].TrainLoss < rows[0].TrainLoss, $"training loss {rows[0].TrainLoss} then {rows[^1].TrainLoss}");
    }

    /// <summary>
    /// Won et al.'s short-chunk ResNet, small, through the same trainer and evaluator on the same windows: its front
    /// end makes the spectrogram of each [batch, 1, samples] window inside the model, so the data path is unchanged.
    /// </summary>
    [Fact]
    public async Task A_small_short_chunk_ResNet_learns_audible_tags_in_bf16_through_the_same_trainer()
    {
        // Three blocks on 8 bands: each block is three convolutions and three batch norms, and on a loaded 2-core
        // machine a step's cost grows with its count of small kernels more than with their size.
        var mel = SmallCnn with
        {
            Architecture = Architecture.Won2020ShortChunkResNet, Depth = 3, BlockChannels = [16, 32, 32], HeadChannels = 32,
            Mel = new MelSettings(AudibleTagsCorpus.SampleRate, 128, 32, 0, AudibleTagsCorpus.SampleRate / 2, 8),
        };
        var job = Job(_dir.File("mel"), epochs: 1, training: Settings(1) with { Precision = Precision.Bf16 }) with { Model = mel };

        var outcome = await Train(job);

        Assert.Equal(1, outcome.Epochs);
        Assert.True(outcome.BestRocAuc >= 0.9, $"validation ROC-AUC {outcome.BestRocAuc} after {outcome.Steps} steps");
        Assert.Equal(Architecture.Won2020ShortChunkResNet, Pipeline.Model.Checkpoints.CheckpointFile.ReadInfo(job.Run.BestCheckpoint).Model.Architecture);
    }
}
