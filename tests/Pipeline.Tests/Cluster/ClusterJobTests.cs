using System.Collections.Immutable;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using Pipeline.Tests.Tagging;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// Jobs on a loopback cluster (a coordinator and worker nodes in this process): every clip's result arrives exactly
/// once, whatever workers do (die mid-run, join mid-run, refuse), and is what this node's own graph gives.
/// </summary>
[Collection(Support.TorchGlobalStateCollection.Name)]
public sealed class ClusterJobTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("cluster-jobs");
    private LoopbackCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LoopbackCluster.Start();

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Tones of different lengths, and two files that are not audio.</summary>
    private List<ClipRef> Library(int good)
    {
        var files = Enumerable.Range(0, good).Select(i => AudioFixtures.SineWav(_dir.File($"tone-{i}.wav"), 200 + 37 * i, 16_000, 0.5 + i % 4 * 0.3)).ToList();
        File.WriteAllBytes(_dir.File("empty.mp3"), []);
        File.WriteAllText(_dir.File("text.wav"), "not audio");
        return [.. files.Append(_dir.File("empty.mp3")).Append(_dir.File("text.wav")).Select((path, i) => ClipRef.File(i, path))];
    }

    private ScoringJob Tagging()
    {
        var run = TinyRun.Create(_dir.File("run"));
        var info = CheckpointFile.ReadInfo(run.BestCheckpoint);
        using var weights = CheckpointWeights.Load(run.BestCheckpoint, info);
        return new ScoringJob("tag", WindowShape.Adjacent(TinyRun.SampleRate, TinyRun.WindowSamples), 16, info.Model, [.. info.Tags], weights.ToBytes(),
            Precision.Fp32, RegroupOptions.Mean, Layer: null);
    }

    private async Task<List<JobResult>> Run(JobSpec job, IReadOnlyList<ClipRef> clips, Func<int, Task>? afterEach = null)
    {
        var results = new List<JobResult>();
        await _cluster.Work.Run(job, clips).RunForeach(result =>
        {
            results.Add(result);
            // Faults happen between results, as they would while a consumer writes them.
            afterEach?.Invoke(results.Count).GetAwaiter().GetResult();
        }, _cluster.Coordinator.Materializer()).WaitAsync(TimeSpan.FromMinutes(3));
        return results;
    }

    [Fact]
    public async Task Tagging_gives_every_file_once_bad_ones_as_failures_even_when_a_worker_dies_and_another_joins_mid_run()
    {
        var clips = Library(good: 24);
        await _cluster.AddWorker(1);
        var doomed = await _cluster.AddWorker(2, crashLikeOnTerminate: true);

        var results = await Run(Tagging(), clips, async done =>
        {
            if (done == 6)
                await doomed.Terminate();
            if (done == 10)
                await _cluster.AddWorker(1);
        });

        Assert.Equal(clips.Select(c => c.Index).Order(), results.Select(r => r.Clip.Index).Order());
        var outcomes = results.Cast<ScoredResult>().Select(r => r.Outcome).ToList();
        Assert.Equal(24, outcomes.OfType<ClipScored>().Count());
        Assert.Equal(["empty.mp3", "text.wav"], outcomes.OfType<ClipNotScored>().Select(o => Path.GetFileName(o.Clip.AudioPath)).Order());
        Assert.All(outcomes.OfType<ClipScored>(), o => Assert.Equal(TinyRun.Tags.Length, o.Scores.Length));
    }

    [Fact]
    public async Task Extraction_gives_every_clip_once_as_the_samples_this_nodes_decoders_give_within_int16()
    {
        var clips = Library(good: 8);
        await _cluster.AddWorker(1);
        await _cluster.AddWorker(2);

        var results = await Run(new ExtractionJob(8_000), clips);

        Assert.Equal(clips.Select(c => c.Index).Order(), results.Select(r => r.Clip.Index).Order());
        var local = Decoding.Settings with { SampleRate = 8_000 };
        foreach (var decoded in results.Select(r => ((AudioResult)r).Audio).OfType<ClipDecoded>())
        {
            using var reader = ClipAudioReaderOf(local, decoded.Clip.AudioPath);
            var expected = reader.Read(int.MaxValue);
            var received = ((ArraySamples)decoded.Samples).Array;
            Assert.Equal(expected.Length, received.Length);
            Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], received[i], 1f / 16_000));
        }
        Assert.Equal(2, results.Count(r => ((AudioResult)r).Audio is ClipFailed));
    }

    private static Pipeline.Streams.Audio.ClipAudioReader ClipAudioReaderOf(Pipeline.Streams.Audio.AudioSettings audio, string path) =>
        Pipeline.Streams.Audio.ClipAudioReader.Open(audio.CreateReader(), path, null, audio.SampleRate, audio.ResampleQuality);

    [Fact]
    public async Task An_epochs_training_windows_come_once_each_as_the_trainers_plan_cuts_them()
    {
        var clips = Library(good: 12);
        await _cluster.AddWorker(1);
        await _cluster.AddWorker(2);
        var job = new TrainingWindowsJob(8_000, 729, TrainingWindows.All, new Augmentation(Polarity: true, JitterWindows: true), Seed: 5, Epoch: 2);

        var results = (await Run(job, clips)).Cast<WindowsResult>().ToList();

        Assert.Equal(clips.Select(c => c.Index).Order(), results.Select(r => r.Clip.Index).Order());
        var local = Decoding.Settings with { SampleRate = 8_000 };
        foreach (var result in results.Where(r => r.Events[^1] is ClipEnded))
        {
            using var reader = ClipAudioReaderOf(local, result.Clip.AudioPath);
            var samples = new ArraySamples(reader.Read(int.MaxValue));
            var grid = job.Plan.ForWhole(result.Clip, samples.Length);
            var windows = result.Events.OfType<Window>().ToList();
            Assert.Equal(grid.CountFor(samples.Length), windows.Count);
            Assert.Equal(Enumerable.Range(0, windows.Count).Select(i => (long)i), windows.Select(w => w.Index));
            foreach (var window in windows)
                Assert.Equal(WindowCutter.Cut(grid, samples, window.Index), window.Samples, new Within(1f / 16_000));
        }
    }

    [Fact]
    public async Task A_worker_whose_settings_differ_refuses_the_job_naming_the_setting_and_the_other_workers_do_it()
    {
        var clips = Library(good: 6);
        await _cluster.AddWorker(1);
        var other = LoopbackCluster.Shaping.SetItem("pipeline.audio.sample-rate", "16000");
        await _cluster.AddWorker(2, LoopbackCluster.Context(other));
        var refusals = new List<string>();
        _cluster.Coordinator.EventStream.Subscribe(
            _cluster.Coordinator.ActorOf(Akka.Actor.Props.Create(() => new ErrorCollector(refusals))), typeof(Akka.Event.Error));

        var results = await Run(new ExtractionJob(8_000), clips);

        Assert.Equal(clips.Count, results.Count);
        Assert.Contains(refusals, line => line.Contains("refused the job: pipeline.audio.sample-rate = 16000 on this worker but 8000 on the coordinator"));
    }

    private sealed class ErrorCollector : Akka.Actor.ReceiveActor
    {
        public ErrorCollector(List<string> lines) => Receive<Akka.Event.Error>(e =>
        {
            lock (lines)
                lines.Add(e.ToString());
        });
    }

    private sealed class Within(float tolerance) : IEqualityComparer<float[]>
    {
        public bool Equals(float[]? x, float[]? y) => x!.Length == y!.Length && x.Zip(y).All(p => Math.Abs(p.First - p.Second) <= tolerance);

        public int GetHashCode(float[] obj) => obj.Length;
    }
}
