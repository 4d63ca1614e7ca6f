using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Training;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>
/// Regression tests for the edges of an epoch that once broke training or evaluation: a last training batch of a
/// single segment (batch norm's running variance became NaN for good; the stage itself: TrainingBatchStageSpec), and
/// a valid clip whose file fails to decode during evaluation (its scores and the clips' labels no longer lined up).
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class EpochEdgeRegressionTests : IDisposable
{
    private readonly TempDirectory _dir = new("edges");
    private readonly TrainingTests _kit = new();

    public void Dispose()
    {
        ((IDisposable)_kit).Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task An_epoch_whose_last_batch_would_be_one_segment_leaves_batch_norm_finite_and_its_evaluation_scores_finite()
    {
        var job = _kit.Job(_dir.File("run"), epochs: 1);
        var provider = new DataProvider(job.Provider with { TrainingWindows = TrainingWindows.Random });
        var clips = job.TrainingData.Clips.Take(job.Training.BatchSize + 1).ToList();
        job = job with { Provider = provider.Settings, TrainingData = new LocalTrainingData(provider, clips, job.ValidAudio, job.Training.BatchSize, job.Training.Seed) };

        var outcome = await _kit.Train(job);

        Assert.Equal(1, outcome.Steps);
        var row = Assert.Single(MetricsLog.Read(job.Run.MetricsCsv));
        Assert.True(double.IsFinite(row.ValidLoss), $"validation loss {row.ValidLoss}");
        Assert.True(row.ValidRocAuc is { } auc && double.IsFinite(auc), $"validation ROC-AUC {row.ValidRocAuc}");
        using var model = Pipeline.Model.Models.ModelFactory.Create(TrainingTests.SmallCnn, TrainingTests.SmallCnn.InputSamples, 3);
        Pipeline.Model.Checkpoints.CheckpointFile.Load(job.Run.LastCheckpoint, model, null);
        foreach (var (name, tensor) in model.state_dict().Where(p => p.Key.EndsWith("running_var")))
            Assert.True(tensor.isfinite().all().item<bool>(), $"{name} is not finite");
    }

    [Fact]
    public async Task A_valid_clip_that_fails_to_decode_leaves_the_other_clips_scored_against_their_own_labels()
    {
        var model = TrainingTests.SmallCnn;
        var clips = AudibleTagsCorpus.Clips(30, 500);
        var bad = clips[7];
        var decoders = SupervisedDecoders.Start(_kit.Sys, 2, TimeSpan.FromSeconds(30),
            path => path == bad.AudioPath ? throw new InvalidDataException("broken frame") : AudibleTagsCorpus.Decode(path), AudibleTagsCorpus.SampleRate, name: "edge-decoders");
        var audio = decoders;
        var provider = new DataProvider(ProviderFixtures.Settings(window: model.InputSamples, windows: TrainingWindows.All));
        using var session = new TrainingSession(model, TrainingTests.Settings(1), model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        for (var step = 0; step < 5; step++) // weights that tell clips apart
            session.TrainStep(await provider.TrainingBatches(AudibleTagsCorpus.Clips(16, 0), audio, 16, seed: step, epoch: 0).RunWith(Sink.First<Batch>(), StreamMaterializer.Create(_kit.Sys, provider.Settings.StreamBuffer)));

        async Task<Pipeline.Model.Metrics.TaggingReport> Evaluate(IReadOnlyList<ClipRef> split)
        {
            var completion = new TaskCompletionSource<EvaluationCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var job = new EvaluationJob(model, AudibleTagsCorpus.Tags, DeviceChoice.Cpu, Precision.Fp32, provider.Settings, AudibleTagsCorpus.SampleRate, split, audio, 16);
            _kit.Sys.ActorOf(EvaluationRunActor.Props(job, session.Snapshot(1), completion));
            var result = await completion.Task.WaitAsync(TimeSpan.FromMinutes(1));
            result.Snapshot.Dispose();
            return result.Report;
        }

        var withBadClip = await Evaluate(clips);
        var withoutIt = await Evaluate(clips.Where(c => c != bad).Select((c, i) => c with { Index = i }).ToList());

        Assert.Equal(29, withBadClip.Clips);
        Assert.Equal(withoutIt.Clips, withBadClip.Clips);
        Assert.Equal(withoutIt.RocAucMacro!.Value, withBadClip.RocAucMacro!.Value, 9);
        Assert.Equal(withoutIt.PrAucMacro!.Value, withBadClip.PrAucMacro!.Value, 9);
        Assert.Equal(withoutIt.Loss, withBadClip.Loss, 6);
        Assert.Equal(withoutIt.PerTag.Select(t => t.RocAuc), withBadClip.PerTag.Select(t => t.RocAuc));
    }
}
