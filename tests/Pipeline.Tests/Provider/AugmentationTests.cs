using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Provider;

/// <summary>Training windows vary from epoch to epoch (polarity, a jittered grid) while evaluation's never do.</summary>
public sealed class AugmentationTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Length = 100;

    public AugmentationTests() : base(TestAkka.Config) { }

    private static ClipDecoded Ramp(int index, int samples) =>
        new(ProviderFixtures.Clip(index, $"/clip-{index}.mp3"), new ArraySamples([.. Enumerable.Range(0, samples).Select(i => (float)i)]), 22_050);

    private async Task<IReadOnlyList<Window>> Windows(TrainingWindows windows, Augmentation augmentation, int epoch, int samples = 1_050) =>
        (await Source.Single<ClipEvent>(Ramp(3, samples))
            .Via(new WindowStage(WindowPlan.Training(windows, Length, seed: 8, epoch, augmentation)))
            .RunWith(Sink.Seq<ClipEvent>(), Sys.Materializer())).OfType<Window>().ToList();

    [Fact]
    public async Task Without_augmentation_every_window_is_cut_from_the_start_on_the_grid()
    {
        var windows = await Windows(TrainingWindows.All, Augmentation.None, epoch: 0);

        Assert.Equal(10, windows.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(w => (float)(w * Length)), windows.Select(s => s.Samples[0]));
    }

    [Fact]
    public async Task A_jittered_grid_starts_at_an_offset_that_changes_with_the_epoch_and_keeps_windows_contiguous()
    {
        var jitter = new Augmentation(Polarity: false, JitterWindows: true);

        var offsets = new List<float>();
        foreach (var epoch in Enumerable.Range(0, 6))
        {
            var windows = await Windows(TrainingWindows.All, jitter, epoch);
            Assert.All(windows, s => Assert.Equal(Enumerable.Range(0, Length).Select(i => s.Samples[0] + i), s.Samples));
            Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.Samples[0] + Length, pair.Second.Samples[0]));
            Assert.InRange(windows.Count, 9, 10);
            offsets.Add(windows[0].Samples[0]);
        }
        Assert.True(offsets.Distinct().Count() > 1, "the offset never changed");
        Assert.All(offsets, o => Assert.InRange(o, 0, Length - 1));
        Assert.Equal(await Windows(TrainingWindows.All, jitter, 2), await Windows(TrainingWindows.All, jitter, 2), new WindowSamples());
    }

    [Fact]
    public async Task Polarity_inverts_some_windows_whole_and_leaves_the_others()
    {
        var windows = await Windows(TrainingWindows.All, new Augmentation(Polarity: true, JitterWindows: false), epoch: 1, samples: 10_050);

        var inverted = windows.Count(s => s.Samples[1] < 0);
        Assert.InRange(inverted, 1, windows.Count - 1);
        Assert.All(windows, s => Assert.True(s.Samples.Skip(1).All(v => v < 0) || s.Samples.All(v => v >= 0)));
    }

    private sealed class WindowSamples : IEqualityComparer<Window>
    {
        public bool Equals(Window? x, Window? y) => x!.Samples.SequenceEqual(y!.Samples);

        public int GetHashCode(Window obj) => obj.Samples.Length;
    }
}
