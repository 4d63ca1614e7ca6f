using Pipeline.Shared;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Provider;

public sealed class DataProviderTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempDirectory _dir = new("provider");
    private readonly Resampler _resampler = new(22_050, ResampleQuality.High);

    public DataProviderTests() : base(TestAkka.Config) { }

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    [Fact]
    public async Task Every_good_clip_is_delivered_once_per_epoch_and_bad_files_are_reported_and_restart_their_decoder()
    {
        var vocabulary = new[] { "a", "b", "c" };
        var fixture = MtatFixture.Corpus(vocabulary, 10, seconds: 1.0)
            .Append(new FixtureClip("900", "0/empty.mp3", ["a"], FixtureAudio.Empty))
            .Append(new FixtureClip("904", "1/garbage.mp3", ["b"], FixtureAudio.Garbage))
            .ToList();
        MtatFixture.Write(_dir.Path, vocabulary, fixture, seconds: 1.0);
        var clips = fixture.Select((c, i) => ProviderFixtures.Clip(i, Path.Combine(_dir.Path, c.Path)) with { Id = c.Id }).ToList();
        var skipped = CreateTestProbe();
        Sys.EventStream.Subscribe(skipped.Ref, typeof(ClipSkipped));
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), Decoding.Reader);
        var provider = new DataProvider(ProviderFixtures.Settings(segment: 4_096, shuffle: 4));

        foreach (var epoch in new[] { 0, 1 })
        {
            var batches = await provider.TrainingBatches(clips, AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), batchSize: 3, seed: 7, epoch)
                .RunWith(Sink.Seq<Batch>(), provider.Materializer(Sys));

            var delivered = batches.SelectMany(b => b.Clips.Select(index => clips[index].Id)).ToList();
            var missing = fixture.Take(10).Select(c => c.Id).Except(delivered).ToList();
            if (missing.Count > 0)
                Assert.Fail($"good clips missing from epoch {epoch}: {string.Join(", ", missing)}; skipped: " +
                    string.Join(" | ", skipped.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m as ClipSkipped).OfType<ClipSkipped>().Select(s => $"{s.Clip.Id}: {s.Reason}")));
            Assert.Equal(fixture.Take(10).Select(c => c.Id).Order(), delivered.Order());
            Assert.All(batches, b => Assert.Equal(b.Count * 4_096, b.Samples.Length));
        }

        var reports = new[] { skipped.ExpectMsg<ClipSkipped>(), skipped.ExpectMsg<ClipSkipped>(), skipped.ExpectMsg<ClipSkipped>(), skipped.ExpectMsg<ClipSkipped>() };
        skipped.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, reports.Count(r => r.Clip.Id == "900" && r.Reason.StartsWith("empty file")));
        Assert.Equal(2, reports.Count(r => r.Clip.Id == "904" && r.Reason.StartsWith("not audio")));
        var stats = await decoders.StatsAsync();
        Assert.Equal(4, stats.Restarts);
        Assert.Equal(4, stats.Failed);
        Assert.Equal(20, stats.Decoded);
    }

    [Fact]
    public async Task The_same_seed_and_epoch_give_the_same_batches_and_another_epoch_another_order()
    {
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), ProviderFixtures.Synthetic);
        var provider = new DataProvider(ProviderFixtures.Settings(shuffle: 16));
        var clips = ProviderFixtures.Clips(40);

        async Task<List<(string Id, float First)>> Order(int seed, int epoch) =>
            (await provider.TrainingBatches(clips, AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), 4, seed, epoch)
                .RunWith(Sink.Seq<Batch>(), provider.Materializer(Sys)))
            .SelectMany(b => b.Clips.Select((index, row) => (clips[index].Id, b.Samples[row * b.SegmentSamples]))).ToList();

        var first = await Order(seed: 3, epoch: 0);
        var again = await Order(seed: 3, epoch: 0);
        var nextEpoch = await Order(seed: 3, epoch: 1);

        Assert.Equal(first, again);
        Assert.Equal(40, first.Select(x => x.Id).Distinct().Count());
        Assert.NotEqual(first.Select(x => x.Id), nextEpoch.Select(x => x.Id));
        Assert.Equal(first.Select(x => x.Id).Order(), nextEpoch.Select(x => x.Id).Order());
    }

    [Fact]
    public async Task A_stalled_consumer_bounds_what_is_decoded_ahead_of_it()
    {
        var decodes = 0;
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), path =>
        {
            Interlocked.Increment(ref decodes);
            return ProviderFixtures.Synthetic(path);
        });
        var settings = ProviderFixtures.Settings(shuffle: 8, parallelism: 2, buffer: 4);
        var provider = new DataProvider(settings);
        const int batchSize = 4;

        var consumer = provider.TrainingBatches(ProviderFixtures.Clips(500), AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), batchSize, seed: 1, epoch: 0)
            .RunWith(this.SinkProbe<Batch>(), provider.Materializer(Sys));

        // Take a few batches, then stop asking: the stream must stop decoding, not run ahead.
        var consumed = consumer.Request(5).ExpectNextN(5).Sum(b => b.Count);
        await Task.Delay(1_000);
        var decodedWhileStalled = Volatile.Read(ref decodes);
        await Task.Delay(500);

        Assert.Equal(decodedWhileStalled, Volatile.Read(ref decodes));
        Assert.InRange(decodedWhileStalled - consumed, 1, settings.MaxClipsInFlight(batchSize));
    }

    [Fact]
    public async Task When_most_files_fail_the_stream_stops_with_a_clear_error()
    {
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), Decoding.Reader);
        var provider = new DataProvider(ProviderFixtures.Settings(failureWindow: 10, maxFailureFraction: 0.5));
        var clips = Enumerable.Range(0, 40).Select(i => ProviderFixtures.Clip(i, _dir.File($"missing-{i}.mp3"))).ToList();

        var error = await Assert.ThrowsAsync<SystematicDecodeFailureException>(() =>
            provider.TrainingBatches(clips, AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), 4, 1, 0).RunWith(Sink.Seq<Batch>(), provider.Materializer(Sys)));

        Assert.Contains("of the last 10 files failed to decode", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public async Task A_missing_decoder_library_stops_the_stream_at_the_first_file()
    {
        var attempts = 0;
        var decoders = SupervisedDecoders.Start(Sys, 1, TimeSpan.FromSeconds(30), path =>
        {
            Interlocked.Increment(ref attempts);
            throw new AudioReadException(path, AudioReadFailure.DecoderUnavailable, "libsndfile.so.1 could not be loaded");
        });
        var provider = new DataProvider(ProviderFixtures.Settings(parallelism: 1));

        var error = await Assert.ThrowsAsync<SystematicDecodeFailureException>(() =>
            provider.TrainingBatches(ProviderFixtures.Clips(100), AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), 4, 1, 0)
                .RunWith(Sink.Seq<Batch>(), provider.Materializer(Sys)));

        Assert.Contains("libsndfile.so.1", error.Message);
        Assert.InRange(Volatile.Read(ref attempts), 1, 3);
    }

    [Fact]
    public async Task Evaluation_gives_every_window_of_every_clip_tagged_with_its_clip()
    {
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), ProviderFixtures.Synthetic);
        var provider = new DataProvider(ProviderFixtures.Settings(segment: 5_000));
        var clips = ProviderFixtures.Clips(12);

        var batches = await provider.EvaluationBatches(clips, AudioFlows.FromFiles(decoders, _resampler, provider.Settings.DecodeParallelism), batchSize: 5)
            .RunWith(Sink.Seq<Batch>(), provider.Materializer(Sys));

        var rows = batches.SelectMany(b => b.Clips.Select((index, row) => (clip: clips[index], first: b.Samples[row * b.SegmentSamples], labels: b.Labels.AsSpan(row * b.TagCount, b.TagCount).ToArray()))).ToList();
        foreach (var clip in clips)
        {
            var windows = rows.Where(r => r.clip.Id == clip.Id).ToList();
            Assert.Equal((22_050 + clip.Index * 100) / 5_000, windows.Count);
            Assert.All(windows, w => Assert.Equal(clip.Labels.ToArray(), w.labels));
            Assert.All(windows, w => Assert.Equal(clip.Index, w.first, 0.001f));
        }
        Assert.All(batches.SkipLast(1), b => Assert.Equal(5, b.Count));
    }
}
