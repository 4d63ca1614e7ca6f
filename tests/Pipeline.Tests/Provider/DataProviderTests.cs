using Pipeline.Shared;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Scoring;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Provider;

public sealed class DataProviderTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempDirectory _dir = new("provider");

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
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), Decoding.Settings);
        var provider = new DataProvider(ProviderFixtures.Settings(window: 4_096, shuffle: 4));

        foreach (var epoch in new[] { 0, 1 })
        {
            var batches = await provider.TrainingBatches(clips, decoders, batchSize: 3, seed: 7, epoch)
                .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer));

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
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), ProviderFixtures.Synthetic, ProviderFixtures.SampleRate);
        var provider = new DataProvider(ProviderFixtures.Settings(shuffle: 16));
        var clips = ProviderFixtures.Clips(40);

        async Task<List<(string Id, float First)>> Order(int seed, int epoch) =>
            (await provider.TrainingBatches(clips, decoders, 4, seed, epoch)
                .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)))
            .SelectMany(b => b.Clips.Select((index, row) => (clips[index].Id, b.Samples[row * b.WindowSamples]))).ToList();

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
        }, ProviderFixtures.SampleRate);
        var settings = ProviderFixtures.Settings(shuffle: 8, parallelism: 2, buffer: 4);
        var provider = new DataProvider(settings);
        const int batchSize = 4;

        var consumer = provider.TrainingBatches(ProviderFixtures.Clips(500), decoders, batchSize, seed: 1, epoch: 0)
            .RunWith(this.SinkProbe<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer));

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
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), Decoding.Settings);
        var provider = new DataProvider(ProviderFixtures.Settings(failureWindow: 10, maxFailureFraction: 0.5));
        var clips = Enumerable.Range(0, 40).Select(i => ProviderFixtures.Clip(i, _dir.File($"missing-{i}.mp3"))).ToList();

        var error = await Assert.ThrowsAsync<SystematicDecodeFailureException>(() =>
            provider.TrainingBatches(clips, decoders, 4, 1, 0).RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)));

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
        }, ProviderFixtures.SampleRate);
        var provider = new DataProvider(ProviderFixtures.Settings(parallelism: 1));

        var error = await Assert.ThrowsAsync<SystematicDecodeFailureException>(() =>
            provider.TrainingBatches(ProviderFixtures.Clips(100), decoders, 4, 1, 0)
                .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)));

        Assert.Contains("libsndfile.so.1", error.Message);
        Assert.InRange(Volatile.Read(ref attempts), 1, 3);
    }

    [Fact]
    public async Task Evaluation_scores_every_window_of_every_clip_and_gives_each_clip_the_mean_of_its_windows()
    {
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), ProviderFixtures.Synthetic, ProviderFixtures.SampleRate);
        var clips = ProviderFixtures.Clips(12);
        var batches = new List<Batch>();
        // A model that answers each row with the row's first sample, which for the synthetic clips is the clip's index.
        var model = Flow.Create<Batch>().Select(batch =>
        {
            lock (batches)
                batches.Add(batch);
            return new ScoredBatch(batch, [.. Enumerable.Range(0, batch.Count).Select(row => batch.Samples[row * batch.WindowSamples])], 1, null, 0);
        });
        var shape = new ScoringShape(WindowShape.Adjacent(ProviderFixtures.SampleRate, 5_000), ClipsAtOnce: 2, BatchSize: 5);

        var outcomes = await ScoringGraph.Score(clips, decoders, shape, model, RegroupOptions.Mean, ProviderFixtures.Settings().Failures)
            .RunWith(Sink.Seq<ClipOutcome>(), Sys.Materializer());

        Assert.Equal(clips.Select(c => c.Id).Order(), outcomes.Select(o => o.Clip.Id).Order());
        foreach (var scored in outcomes.Cast<ClipScored>())
        {
            Assert.Equal((22_050 + scored.Clip.Index * 100) / 5_000, scored.Windows);
            Assert.Equal(scored.Clip.Index, scored.Scores[0], 0.001f);
        }
        var rows = batches.SelectMany(b => b.Rows.Select((row, i) => (row, labels: b.Labels.AsSpan(i * b.TagCount, b.TagCount).ToArray()))).ToList();
        Assert.All(rows, r => Assert.Equal(clips[r.row.Clip].Labels.ToArray(), r.labels));
        Assert.All(batches.Where(b => b.Count > 0).SkipLast(1), b => Assert.Equal(5, b.Count));
    }
}
