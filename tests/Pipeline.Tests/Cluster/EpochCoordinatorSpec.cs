using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Pipeline.Actors.Cluster;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Provider.Stages;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Cluster.PartitionStreams;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// The partition and reassignment rule as the trainer node applies it (<see cref="EpochCoordinatorActor"/>), in one
/// actor system: test probes stand in for the worker registry and the workers, each worker's partition is a stream
/// reference to a source probe, and the trainer's end of the epoch queue is a sink probe.
/// </summary>
public sealed class EpochCoordinatorSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int Seed = 4, SampleRate = 22_050, QueueBuffer = 2, StreamRefBuffer = 2;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly IMaterializer _materializer;
    private readonly TestProbe _registry;

    public EpochCoordinatorSpec() : base(ConfigurationFactory.ParseString(
        $"akka.stream.materializer.stream-ref.buffer-capacity = {StreamRefBuffer}").WithFallback(TestAkka.Config))
    {
        _materializer = StageFixtures.OneElementBoundaries(Sys);
        _registry = CreateTestProbe();
    }

    private IActorRef Coordinator(TimeSpan? workerWait = null) =>
        Sys.ActorOf(EpochCoordinatorActor.Props(_registry.Ref, workerWait ?? TimeSpan.FromSeconds(30), streamBuffer: 2));

    /// <summary>Starts epoch 0 over <paramref name="clips"/>; returns the trainer's end of the queue, not yet requesting.</summary>
    private TestSubscriber.Probe<ClipWindows> StartEpoch(IActorRef coordinator, IReadOnlyList<ClipRef> clips)
    {
        var (queue, trainer) = Source.Queue<ClipWindows>(QueueBuffer, OverflowStrategy.Backpressure)
            .ToMaterialized(this.SinkProbe<ClipWindows>(), Keep.Both).Run(_materializer);
        coordinator.Tell(new StartEpoch(0, Seed, SampleRate, WindowLength, TrainingWindows.Random, clips, queue, queue.WatchCompletionAsync()));
        return trainer;
    }

    private void WorkersUp(params TestProbe[] workers)
    {
        _registry.ExpectMsg<GetWorkers>();
        _registry.Reply(new CurrentWorkers([.. workers.Select(w => w.Ref)]));
    }

    /// <summary>The worker's next partition, answered with a stream reference to a source probe.</summary>
    private async Task<(List<ClipRef> Clips, TestPublisher.Probe<ClipWindows> Stream)> Open(TestProbe worker)
    {
        var request = worker.ExpectMsg<OpenPartition>();
        Assert.Equal((0, Seed, SampleRate, WindowLength, TrainingWindows.Random),
            (request.Epoch, request.Seed, request.SampleRate, request.WindowSamples, request.Windows));
        var (stream, reference) = this.SourceProbe<ClipWindows>().ToMaterialized(StreamRefs.SourceRef<ClipWindows>(), Keep.Both).Run(_materializer);
        worker.Reply(await reference);
        return ([.. request.Clips], stream);
    }

    [Fact]
    public async Task Each_worker_streams_a_contiguous_share_of_the_epochs_order_and_every_clip_reaches_the_trainer_once()
    {
        var clips = ProviderFixtures.Clips(10);
        var order = DataProvider.EpochOrder(clips, Seed, 0);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        var trainer = StartEpoch(Coordinator(), clips);
        WorkersUp(first, second);
        var (firstShare, firstStream) = await Open(first);
        var (secondShare, secondStream) = await Open(second);

        Assert.Equal(Indices(order.Take(5)), Indices(firstShare));
        Assert.Equal(Indices(order.Skip(5)), Indices(secondShare));
        trainer.Request(10);
        Send(firstStream, firstShare);
        Send(secondStream, secondShare);
        firstStream.SendComplete();
        secondStream.SendComplete();

        Assert.Equal(Indices(clips), Received(trainer, 10).Order());
        trainer.ExpectComplete();
    }

    [Fact]
    public async Task Nothing_is_pulled_from_a_worker_beyond_what_the_trainer_can_take()
    {
        var clips = ProviderFixtures.Clips(30);
        var worker = CreateTestProbe();
        var trainer = StartEpoch(Coordinator(), clips);
        WorkersUp(worker);
        var (share, stream) = await Open(worker);

        // Serve every request until the worker is no longer asked: the trainer asks for nothing.
        var served = ServeUntilNotAsked(stream, share, Quiet);
        trainer.EnsureSubscription();
        trainer.ExpectNoMsg(TimeSpan.Zero);

        // The trainer's queue, the one offer waiting on it (the coordinator acknowledges an element only once the queue
        // took it), the partition sink's element, the stream reference's buffer and the boundary before it.
        Assert.Equal(QueueBuffer + 1 + 1 + StreamRefBuffer + 1, served);
        trainer.Request(served);
        Assert.Equal(Indices(share.Take(served)), Received(trainer, served));
    }

    [Fact]
    public async Task The_undelivered_clips_of_a_failed_worker_go_to_another_worker_and_no_clip_is_sent_twice()
    {
        var clips = ProviderFixtures.Clips(10);
        var (failing, other) = (CreateTestProbe(), CreateTestProbe());
        var trainer = StartEpoch(Coordinator(), clips);
        trainer.Request(10);
        WorkersUp(failing, other);
        var (failingShare, failingStream) = await Open(failing);
        var (otherShare, otherStream) = await Open(other);
        Send(failingStream, failingShare.Take(2));
        var delivered = Received(trainer, 2);

        failingStream.SendError(new TestException("the worker node went down"));
        WorkersUp(failing, other);
        var (reassigned, reassignedStream) = await Open(other);

        Assert.Equal(Indices(failingShare.Skip(2)), Indices(reassigned));
        failing.ExpectNoMsg(Quiet);
        Send(otherStream, otherShare);
        Send(reassignedStream, reassigned);
        otherStream.SendComplete();
        reassignedStream.SendComplete();
        delivered.AddRange(Received(trainer, 8));
        Assert.Equal(Indices(clips), delivered.Order());
        trainer.ExpectComplete();
    }

    [Fact]
    public async Task A_failed_worker_that_is_the_only_one_up_gets_its_undelivered_clips_back()
    {
        var clips = ProviderFixtures.Clips(6);
        var worker = CreateTestProbe();
        var trainer = StartEpoch(Coordinator(), clips);
        trainer.Request(6);
        WorkersUp(worker);
        var (share, stream) = await Open(worker);
        Send(stream, share.Take(1));
        Received(trainer, 1);

        stream.SendError(new TestException("the decoder pool restarted"));
        WorkersUp(worker);
        var (again, againStream) = await Open(worker);

        Assert.Equal(Indices(share.Skip(1)), Indices(again));
        Send(againStream, again);
        againStream.SendComplete();
        Received(trainer, 5);
        trainer.ExpectComplete();
    }

    [Fact]
    public async Task A_partition_that_ends_early_without_failing_is_shared_again_among_every_worker_up()
    {
        var clips = ProviderFixtures.Clips(10);
        var (early, other) = (CreateTestProbe(), CreateTestProbe());
        var trainer = StartEpoch(Coordinator(), clips);
        trainer.Request(10);
        WorkersUp(early, other);
        var (earlyShare, earlyStream) = await Open(early);
        var (otherShare, otherStream) = await Open(other);
        Send(earlyStream, earlyShare.Take(2));
        Received(trainer, 2);

        earlyStream.SendComplete();
        WorkersUp(early, other);
        var (toEarly, toEarlyStream) = await Open(early);
        var (toOther, toOtherStream) = await Open(other);

        Assert.Equal(Indices(earlyShare.Skip(2).Take(2)), Indices(toEarly));
        Assert.Equal(Indices(earlyShare.Skip(4)), Indices(toOther));
        foreach (var (share, stream) in new[] { (otherShare, otherStream), (toEarly, toEarlyStream), (toOther, toOtherStream) })
        {
            Send(stream, share);
            stream.SendComplete();
        }
        Received(trainer, 8);
        trainer.ExpectComplete();
    }

    [Fact]
    public async Task Partitions_that_fail_in_a_row_without_delivering_fail_the_epoch()
    {
        var clips = ProviderFixtures.Clips(4);
        var worker = CreateTestProbe();
        var trainer = StartEpoch(Coordinator(), clips);
        trainer.Request(4);

        WorkersUp(worker);
        worker.ExpectMsg<OpenPartition>();
        worker.Reply(new Status.Failure(new InvalidOperationException("the worker refuses the partition")));
        foreach (var attempt in new[] { 2, 3 })
        {
            WorkersUp(worker);
            var (_, stream) = await Open(worker);
            stream.SendError(new TestException($"attempt {attempt} lost its worker"));
        }

        var error = trainer.ExpectError();
        Assert.Contains($"{PartitionRule.MaxFruitlessTries} partitions in a row could not deliver 4 clips; last failure: ", error.Message);
        Assert.Contains("attempt 3 lost its worker", error.Message);
        _registry.ExpectNoMsg(Quiet);
    }

    [Fact]
    public async Task Cancelling_the_trainers_end_cancels_the_workers_streams()
    {
        var clips = ProviderFixtures.Clips(10);
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        var trainer = StartEpoch(Coordinator(), clips);
        trainer.Request(1);
        WorkersUp(first, second);
        var (firstShare, firstStream) = await Open(first);
        var (_, secondStream) = await Open(second);
        Send(firstStream, firstShare.Take(1));
        trainer.ExpectNext();

        trainer.Cancel();

        firstStream.ExpectCancellation();
        secondStream.ExpectCancellation();
        _registry.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void With_no_worker_up_the_epoch_fails_once_the_wait_is_over()
    {
        var trainer = StartEpoch(Coordinator(workerWait: TimeSpan.FromSeconds(1)), ProviderFixtures.Clips(4));
        trainer.Request(1);

        WorkersUp();
        WorkersUp();

        Assert.StartsWith("no worker left to decode 4 clips of epoch 1", trainer.ExpectError().Message);
    }
}
