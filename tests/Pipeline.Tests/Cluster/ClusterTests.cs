using Pipeline.Shared;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit2;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Training;
using Pipeline.Model.Runs;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;
using Pipeline.Tests.Training;

namespace Pipeline.Tests.Cluster;

/// <summary>Scale-out on loopback: a trainer node and worker nodes as actor systems in one test process.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class ClusterTests : IAsyncLifetime
{
    private static readonly ProviderSettings Provider = ProviderFixtures.Settings(window: 2_048, shuffle: 16, parallelism: 1);
    private LoopbackCluster _cluster = null!;
    private readonly TempDirectory _dir = new("cluster");

    public async Task InitializeAsync() => _cluster = await LoopbackCluster.Start(Provider);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    private static DecodedAudio Slowly(string path)
    {
        Thread.Sleep(15);
        return ProviderFixtures.Synthetic(path);
    }

    /// <summary>The clip (its index) of every window an epoch delivered.</summary>
    private async Task<List<int>> RunEpoch(ITrainingData data, int epoch) =>
        (await data.Epoch(epoch).RunWith(Sink.Seq<Batch>(), _cluster.Trainer.Materializer()).WaitAsync(TimeSpan.FromMinutes(2)))
        .SelectMany(b => b.Clips).ToList();

    [Fact]
    public async Task Two_workers_deliver_every_clip_exactly_once_per_epoch()
    {
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 1);
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 2);
        var clips = ProviderFixtures.Clips(200);
        var data = new ClusterTrainingData(_cluster.Coordinator, new DataProvider(Provider), 22_050, clips, batchSize: 8, seed: 4);

        foreach (var epoch in new[] { 0, 1 })
        {
            var delivered = await RunEpoch(data, epoch);
            Assert.Equal(clips.Select(c => c.Index).Order(), delivered.Order());
        }
        Assert.Equal(400, _cluster.Decoded);
    }

    [Fact]
    public async Task The_previous_epochs_consumer_finishing_late_does_not_cut_the_next_epoch_short()
    {
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 1);
        var clips = ProviderFixtures.Clips(100);
        var firstConsumerDone = new TaskCompletionSource();

        var first = await Deliver(0, clips, queue => firstConsumerDone.Task);
        var second = Deliver(1, clips, queue => queue.WatchCompletionAsync());
        // Epoch 1 has started when the news that epoch 0's consumer is done arrives, as it can under load.
        firstConsumerDone.SetResult();

        Assert.Equal(clips.Select(c => c.Index).Order(), first);
        Assert.Equal(clips.Select(c => c.Index).Order(), await second);
    }

    [Fact]
    public async Task Clips_a_worker_cannot_decode_are_answered_once_without_windows_and_not_sent_elsewhere()
    {
        static DecodedAudio EveryTenthEmpty(string path) =>
            int.Parse(Path.GetFileNameWithoutExtension(path)) % 10 == 3
                ? throw new AudioReadException(path, AudioReadFailure.Empty, "the file has 0 bytes")
                : ProviderFixtures.Synthetic(path);
        await _cluster.AddWorker(Provider, EveryTenthEmpty, expectedWorkers: 1);
        await _cluster.AddWorker(Provider, EveryTenthEmpty, expectedWorkers: 2);
        var clips = ProviderFixtures.Clips(100);

        var delivered = await DeliverWindows(0, clips, queue => queue.WatchCompletionAsync());

        Assert.Equal(clips.Select(c => c.Index).Order(), delivered.Select(w => w.Clip.Index).Order());
        Assert.Equal(clips.Where(c => c.Index % 10 == 3).Select(c => c.Index), delivered.Where(w => w.Windows == 0).Select(w => w.Clip.Index).Order());
        Assert.Equal(100, _cluster.Decoded); // each clip was tried once: a skipped clip is not handed to another worker
    }

    /// <summary>One epoch straight from the coordinator, with the consumer's completion reported by <paramref name="consumerDone"/>.</summary>
    private async Task<List<int>> Deliver(int epoch, IReadOnlyList<ClipRef> clips, Func<ISourceQueueWithComplete<ClipWindows>, Task> consumerDone) =>
        (await DeliverWindows(epoch, clips, consumerDone)).Select(w => w.Clip.Index).Order().ToList();

    private async Task<IImmutableList<ClipWindows>> DeliverWindows(int epoch, IReadOnlyList<ClipRef> clips, Func<ISourceQueueWithComplete<ClipWindows>, Task> consumerDone)
    {
        var (queue, delivered) = Source.Queue<ClipWindows>(Provider.StreamBuffer, OverflowStrategy.Backpressure)
            .ToMaterialized(Sink.Seq<ClipWindows>(), Keep.Both)
            .Run(_cluster.Trainer.Materializer());
        _cluster.Coordinator.Tell(new StartEpoch(epoch, 4, 22_050, Provider.WindowSamples, Provider.TrainingWindows, clips, queue, consumerDone(queue)));
        return await delivered.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_worker_that_dies_or_leaves_mid_epoch_has_its_clips_reassigned_none_lost_none_doubled(bool dies)
    {
        await _cluster.AddWorker(Provider, Slowly, expectedWorkers: 1);
        var leaving = await _cluster.AddWorker(Provider, Slowly, expectedWorkers: 2, crashLikeOnTerminate: dies);
        var clips = ProviderFixtures.Clips(300);
        var data = new ClusterTrainingData(_cluster.Coordinator, new DataProvider(Provider), 22_050, clips, batchSize: 8, seed: 4);

        var epoch = RunEpoch(data, 0);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_cluster.Decoded < 60)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {_cluster.Decoded} clips decoded after a minute");
            await Task.Delay(10);
        }
        if (dies)
            await leaving.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        else
            await Akka.Cluster.Cluster.Get(leaving).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var delivered = await epoch.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(clips.Select(c => c.Index).Order(), delivered.Order());
    }

    [Fact]
    public async Task A_worker_at_another_sample_rate_refuses_its_partition_with_a_clear_error()
    {
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 1, sampleRate: 16_000);
        var data = new ClusterTrainingData(_cluster.Coordinator, new DataProvider(Provider), 22_050, ProviderFixtures.Clips(10), batchSize: 8, seed: 4);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunEpoch(data, 0).WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Contains("16000 Hz but the trainer trains at 22050 Hz", error.ToString());
    }

    [Fact]
    public async Task A_stalled_trainer_keeps_what_the_workers_decode_ahead_bounded()
    {
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 1);
        await _cluster.AddWorker(Provider, ProviderFixtures.Synthetic, expectedWorkers: 2);
        var data = new ClusterTrainingData(_cluster.Coordinator, new DataProvider(Provider), 22_050, ProviderFixtures.Clips(2_000), batchSize: 8, seed: 4);
        var trainer = new TestKit(_cluster.Trainer).SinkProbe<Batch>();

        // The trainer takes four batches and asks for no more.
        var consumed = data.Epoch(0).RunWith(trainer, _cluster.Trainer.Materializer())
            .Request(4).ExpectNextN(4, TimeSpan.FromSeconds(30)).Sum(b => b.Count);
        await Task.Delay(1_500);
        var decodedWhileStalled = _cluster.Decoded;
        await Task.Delay(1_500);

        // Per worker: its decode lanes, failure guard, clip being cut, asynchronous boundary and stream reference's
        // buffer, and its partition sink's element on the trainer; on the trainer: one element per partition waiting
        // to be queued, the queue, the clip being flattened, the shuffle buffer, a batch being grouped and the two
        // segments held back after it.
        var perWorker = 2 * Provider.DecodeParallelism + 2 + Provider.StreamBuffer + LoopbackCluster.Settings.StreamRefBuffer + 1;
        var bound = 2 * perWorker + 2 + Provider.StreamBuffer + 1 + Provider.ShuffleBuffer + 8 + 2;
        Assert.Equal(decodedWhileStalled, _cluster.Decoded);
        Assert.InRange(decodedWhileStalled - consumed, 1, bound);
    }

    [Fact]
    public async Task Training_runs_across_the_cluster_with_snapshots_evaluated_on_a_worker()
    {
        var validation = AudibleTagsCorpus.Clips(30, 2_000);
        var provider = Provider with { WindowSamples = TrainingTests.SmallCnn.InputSamples, TrainingWindows = TrainingWindows.All };
        await _cluster.AddWorker(provider, AudibleTagsCorpus.Decode, expectedWorkers: 1, validation, sampleRate: AudibleTagsCorpus.SampleRate);
        await _cluster.AddWorker(provider, AudibleTagsCorpus.Decode, expectedWorkers: 2, validation, sampleRate: AudibleTagsCorpus.SampleRate);
        var run = new RunFolder(_dir.File("run"));
        run.Create();
        var train = AudibleTagsCorpus.Clips(48, 0);
        var settings = TrainingTests.Settings(epochs: 2);
        var dataProvider = new DataProvider(provider);
        // The trainer node reads no audio itself: the workers decode and evaluate.
        var job = new TrainingJob(TrainingTests.SmallCnn, settings, provider, AudibleTagsCorpus.Tags,
            new ClusterTrainingData(_cluster.Coordinator, dataProvider, AudibleTagsCorpus.SampleRate, train, settings.BatchSize, settings.Seed),
            validation, new FlowAudio(Flow.Create<ClipRef>().Select(_ => (ClipEvent)null!)), run, "cluster", AudibleTagsCorpus.SampleRate, Resume: false);
        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cluster.Trainer.ActorOf(TrainingRunActor.Props(job, completion,
            RemoteEvaluatorProxy.Props(_cluster.Registry, job.Model, provider.WindowSamples, job.Tags)));

        var outcome = await completion.Task.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, outcome.Epochs);
        Assert.Equal(2 * (48 * 21 / 16), outcome.Steps);
        Assert.True(outcome.Evaluations >= 1);
        var rows = MetricsLog.Read(run.MetricsCsv).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.NotNull(r.ValidRocAuc));
    }
}
