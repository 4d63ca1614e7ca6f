using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Provider;

/// <summary>
/// How often an epoch of every window puts two windows of one clip into a batch of 23, on MTAT's shape (15,250
/// training clips of 10 windows, 6,631 batches): through the files path's shuffle buffer at several sizes, and from
/// the cache's permutation. A uniform permutation does it in 1 - prod_i (M - 10i) / (M - i) = 1.48% of batches.
/// </summary>
public sealed class ShuffleQualityTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TestAkka.Config)
{
    private const int Clips = 15_250, WindowsPerClip = 10, BatchSize = 23, Window = 4;

    /// <summary>The files path: each clip's windows arrive together, as the decoders deliver them.</summary>
    private static readonly Flow<ClipRef, ClipEvent, NotUsed> Audio = Flow.Create<ClipRef>()
        .Select(clip => (ClipEvent)new ClipDecoded(clip, new ArraySamples(new float[WindowsPerClip * Window]), 22_050));

    private static readonly IReadOnlyList<ClipRef> Corpus =
        Enumerable.Range(0, Clips).Select(i => ProviderFixtures.Clip(i, $"/virtual/{i}.mp3")).ToList();

    /// <summary>The share of the epoch's batches that hold two windows of one clip.</summary>
    private double SameClipShare(int shuffleBuffer, bool randomAccess, int seed = 1)
    {
        var provider = new DataProvider(ProviderFixtures.Settings(window: Window, shuffle: shuffleBuffer, windows: TrainingWindows.All));
        var batches = provider.TrainingBatches(Corpus, new FlowAudio(Audio, randomAccess), BatchSize, seed, epoch: 0)
            .RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer)).Result;
        Assert.Equal(Clips * WindowsPerClip, batches.Sum(b => b.Count));
        var share = batches.Count(b => b.Clips.Distinct().Count() < b.Count) / (double)batches.Count;
        output.WriteLine($"{(randomAccess ? "cache permutation" : $"shuffle buffer {shuffleBuffer,6}")}: {share:P2} of {batches.Count} batches");
        return share;
    }

    private static double UniformShare()
    {
        double distinct = 1, windows = Clips * WindowsPerClip;
        for (var i = 0; i < BatchSize; i++)
            distinct *= (windows - WindowsPerClip * i) / (windows - i);
        return 1 - distinct;
    }

    [Fact]
    public void The_cache_permutation_puts_two_windows_of_a_clip_in_a_batch_as_rarely_as_a_uniform_permutation()
    {
        var uniform = UniformShare();
        var spread = 4 * Math.Sqrt(uniform * (1 - uniform) / 6_631); // four binomial standard deviations

        foreach (var seed in new[] { 1, 2 })
            Assert.InRange(SameClipShare(shuffleBuffer: 1, randomAccess: true, seed), uniform - spread, uniform + spread);
    }

    [Fact]
    public void Through_the_shuffle_buffer_same_clip_pairs_fall_with_its_size_and_the_default_keeps_them_under_a_third_of_the_batches()
    {
        var shares = new[] { 1_024, 4_096, 16_384 }.ToDictionary(size => size, size => SameClipShare(size, randomAccess: false));

        Assert.True(shares[1_024] > 0.6, "the old default's buffer: most batches");
        Assert.True(shares[1_024] > shares[4_096] && shares[4_096] > shares[16_384]);
        Assert.InRange(SameClipShare(TestSettings.Defaults.Provider.ShuffleBuffer, randomAccess: false), UniformShare(), 1.0 / 3);
    }
}
