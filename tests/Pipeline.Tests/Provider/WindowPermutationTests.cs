using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Provider;

/// <summary>An epoch of every window read from a real audio cache (memory-mapped int16 shards) as a permutation of all (clip, window) pairs.</summary>
public sealed class WindowPermutationTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const int Length = 64;
    private readonly TempDirectory _dir = new("permutation");
    private readonly AudioCache _cache;
    private readonly List<ClipRef> _clips;

    public WindowPermutationTests() : base(TestAkka.Config)
    {
        // Clip i holds (i % 4) windows and a half (clip 0: less than one window, padded to one); its sample p is the
        // int16 value 1,000 i + p (written at full scale 32,767, read back over 32,768), so a window's first sample
        // says which clip and offset it is.
        _clips = Enumerable.Range(0, 20).Select(i => ProviderFixtures.Clip(i, $"/virtual/{i}.mp3")).ToList();
        using (var writer = AudioCacheWriter.Open(_dir.Path, 22_050, shardBytes: 600))
        {
            foreach (var clip in _clips)
                writer.Append(clip.Id, Enumerable.Range(0, (clip.Index % 4) * Length + Length / 2).Select(p => (1_000 * clip.Index + p) / 32_767f).ToArray());
            writer.Complete();
        }
        _cache = AudioCache.Open(_dir.Path);
    }

    void IDisposable.Dispose()
    {
        _cache.Dispose();
        _dir.Dispose();
        Dispose();
    }

    private static int Windows(int clip) => Math.Max(1, clip % 4);

    private List<Batch> Epoch(IReadOnlyList<ClipRef> clips, int seed, int epoch)
    {
        var provider = new DataProvider(ProviderFixtures.Settings(window: Length, shuffle: 1, windows: TrainingWindows.All));
        return provider.TrainingBatches(clips, new CachedAudio(_cache), batchSize: 5, seed, epoch)
            .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)).Result.ToList();
    }

    /// <summary>(clip, window) of every row, in order, after checking the row holds exactly that window's samples.</summary>
    private static List<(int Clip, int Window)> Rows(IEnumerable<Batch> batches) =>
        batches.SelectMany(batch => Enumerable.Range(0, batch.Count).Select(row =>
        {
            var samples = batch.Samples.AsSpan(row * Length, Length);
            var clip = batch.Rows[row].Clip;
            var start = (int)Math.Round(samples[0] * 32_768) - 1_000 * clip;
            var available = clip % 4 * Length + Length / 2 - start;
            for (var p = 0; p < Length; p++)
                Assert.Equal(p < available ? (1_000 * clip + start + p) / 32_768f : 0f, samples[p]);
            Assert.Equal(0, start % Length);
            return (clip, start / Length);
        })).ToList();

    [Fact]
    public void An_epoch_from_the_cache_is_every_window_of_every_clip_exactly_once_with_its_samples()
    {
        var rows = Rows(Epoch(_clips, seed: 3, epoch: 0));

        var expected = _clips.SelectMany(c => Enumerable.Range(0, Windows(c.Index)).Select(w => (c.Index, w))).ToList();
        Assert.Equal(expected.Order(), rows.Order());
    }

    [Fact]
    public void The_order_is_fixed_by_seed_and_epoch_and_mixes_clips_rather_than_keeping_their_windows_together()
    {
        var first = Rows(Epoch(_clips, seed: 3, epoch: 0));

        Assert.Equal(first, Rows(Epoch(_clips, seed: 3, epoch: 0)));
        Assert.NotEqual(first, Rows(Epoch(_clips, seed: 3, epoch: 1)));
        Assert.NotEqual(first, Rows(Epoch(_clips, seed: 4, epoch: 0)));
        Assert.NotEqual(first.OrderBy(r => r.Clip).ThenBy(r => r.Window), first);
        Assert.True(first.Zip(first.Skip(1)).Count(p => p.First.Clip == p.Second.Clip) < first.Count / 4, "windows of a clip stay together");
    }

    [Fact]
    public void Batches_keep_the_training_contract_full_batches_and_never_a_lone_segment_at_the_end()
    {
        // 1 + 1 + 2 + 3 windows per 4 clips: 35 windows of 20 clips, and 36 of 21, whose last batch would hold one.
        var extra = ProviderFixtures.Clip(20, "/virtual/20.mp3");
        using (var writer = AudioCacheWriter.Open(_dir.Path, 22_050, shardBytes: 600))
        {
            writer.Append(extra.Id, new float[Length]);
            writer.Complete();
        }
        using var cache = AudioCache.Open(_dir.Path);
        var provider = new DataProvider(ProviderFixtures.Settings(window: Length, shuffle: 1, windows: TrainingWindows.All));

        var batches = provider.TrainingBatches([.. _clips, extra], new CachedAudio(cache), batchSize: 5, seed: 1, epoch: 0)
            .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)).Result;

        Assert.Equal([5, 5, 5, 5, 5, 5, 6], batches.Select(b => b.Count));
    }

    [Fact]
    public void A_clip_missing_from_the_cache_is_reported_once_and_the_others_are_delivered()
    {
        var skipped = CreateTestProbe();
        Sys.EventStream.Subscribe(skipped.Ref, typeof(ClipSkipped));
        var ghost = ProviderFixtures.Clip(20, "/virtual/ghost.mp3") with { Id = "not-cached" };

        var rows = Rows(Epoch([.. _clips, ghost], seed: 3, epoch: 0));

        Assert.Equal("not-cached", skipped.ExpectMsg<ClipSkipped>().Clip.Id);
        skipped.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(_clips.Sum(c => Windows(c.Index)), rows.Count);
    }

    [Fact]
    public void With_augmentation_the_permutation_cuts_the_very_windows_the_shuffle_buffer_path_cuts_in_another_order()
    {
        var augmented = ProviderFixtures.Settings(window: Length, shuffle: 1_000, windows: TrainingWindows.All) with
        {
            Augment = new Augmentation(Polarity: true, JitterWindows: true),
        };
        var provider = new DataProvider(augmented);
        List<string> Windows(bool randomAccess) =>
            [.. provider.TrainingBatches(_clips, randomAccess ? new CachedAudio(_cache) : new FlowAudio(new CachedAudio(_cache).Whole(1)), batchSize: 5, seed: 9, epoch: 2)
                .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)).Result
                .SelectMany(b => Enumerable.Range(0, b.Count).Select(row => $"{b.Rows[row].Clip}:{string.Join(',', b.Samples.Skip(row * Length).Take(Length))}"))];

        var permuted = Windows(randomAccess: true);
        var buffered = Windows(randomAccess: false);

        Assert.Equal(buffered.Order(), permuted.Order());
        Assert.NotEqual(buffered, permuted);
        Assert.Contains(permuted, w => w.Split(':')[1].StartsWith('-')); // some windows were inverted
    }
}
