using Akka.Actor;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Training;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

public sealed class EvaluatorActorTests : Akka.TestKit.Xunit2.TestKit
{
    public EvaluatorActorTests() : base(TestAkka.Config) { }

    private EvaluationJob Job()
    {
        var model = TrainingTests.SmallCnn;
        var provider = new ProviderSettings(model.InputSamples, TrainingWindows.All, 64, 2, 4, TimeSpan.FromSeconds(30), 50, 0.5);
        var audio = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), AudibleTagsCorpus.Decode, AudibleTagsCorpus.SampleRate);
        return new EvaluationJob(model, AudibleTagsCorpus.Tags, DeviceChoice.Cpu, Precision.Fp32, provider, AudibleTagsCorpus.SampleRate,
            AudibleTagsCorpus.Clips(40, 500), audio, 64);
    }

    [Fact]
    public void A_snapshot_overtaken_while_waiting_is_dropped_and_only_the_newest_is_evaluated()
    {
        var model = TrainingTests.SmallCnn;
        using var session = new TrainingSession(model, TrainingTests.Settings(1), model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        var evaluator = Sys.ActorOf(EvaluatorActor.Props(Job()));
        var first = session.Snapshot(1);
        var stale = session.Snapshot(2);
        var newest = session.Snapshot(3);

        evaluator.Tell(new EvaluateSnapshot(first, TestActor));
        evaluator.Tell(new EvaluateSnapshot(stale, TestActor));
        evaluator.Tell(new EvaluateSnapshot(newest, TestActor));

        Assert.Equal(2, ExpectMsg<SnapshotDropped>(TimeSpan.FromSeconds(10)).Version); // the sender stops waiting for it
        var results = new[] { ExpectMsg<EvaluationCompleted>(TimeSpan.FromSeconds(60)), ExpectMsg<EvaluationCompleted>(TimeSpan.FromSeconds(60)) };
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal([1L, 3L], results.Select(r => r.Snapshot.Version));
        Assert.Empty(stale.State); // disposed by the evaluator when it was overtaken
        Assert.All(results, r => Assert.Equal(40, r.Report.Clips));
        foreach (var result in results)
            result.Snapshot.Dispose();
    }
}
