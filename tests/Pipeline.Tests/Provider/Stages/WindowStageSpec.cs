using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>
/// Cutting windows, driven by stream probes: which windows each clip gives an epoch, and that a clip read in chunks
/// gives the windows of the whole clip. The clips are ramps (sample i is i), so a window's samples tell where in the
/// clip it was cut.
/// </summary>
public sealed class WindowStageSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int Length = 16;
    private readonly IMaterializer _materializer;

    public WindowStageSpec() : base(TestAkka.Config) => _materializer = OneElementBoundaries(Sys);

    private static WindowPlan Training(TrainingWindows windows, int seed = 1, int epoch = 0) =>
        WindowPlan.Training(windows, Length, seed, epoch, Augmentation.None);

    private (TestPublisher.Probe<ClipEvent> Up, TestSubscriber.Probe<ClipEvent> Down) Run(WindowPlan plan) =>
        this.SourceProbe<ClipEvent>().Via(new WindowStage(plan))
            .ToMaterialized(this.SinkProbe<ClipEvent>(), Keep.Both).Run(_materializer);

    /// <summary>What the stage gives for <paramref name="clipEvents"/> (one clip's), up to and with the clip's ending.</summary>
    private (List<Window> Windows, ClipEvent Ending) Cut(WindowPlan plan, params ClipEvent[] clipEvents)
    {
        var all = Source.From(clipEvents).Via(new WindowStage(plan)).RunWith(Sink.Seq<ClipEvent>(), _materializer).Result.ToList();
        return (all.OfType<Window>().ToList(), all[^1]);
    }

    private List<int> RandomOffsets(int count, int seed, int epoch) =>
        Enumerable.Range(0, count).Select(clip => (int)Cut(Training(TrainingWindows.Random, seed, epoch), Decoded(clip, samples: 100)).Windows.Single().Samples[0]).ToList();

    private static float[] Ramp(int from, int count) => Enumerable.Range(from, count).Select(i => (float)i).ToArray();

    [Fact]
    public void Nothing_is_pulled_or_pushed_before_downstream_requests()
    {
        var (up, down) = Run(Training(TrainingWindows.All));
        up.SendNext(Decoded(0, samples: 3 * Length)); // taken by the boundary ahead of the stage

        down.EnsureSubscription();
        down.ExpectNoMsg(Quiet);
        up.ExpectNoMsg(Quiet);
        down.Request(4);

        Assert.Equal(3, down.ExpectNextN(3).OfType<Window>().Count());
        Assert.Equal(3, Assert.IsType<ClipEnded>(down.ExpectNext()).Windows);
        Assert.Equal(1, up.ExpectRequest());
    }

    [Fact]
    public void A_random_window_is_one_whole_window_inside_the_clip()
    {
        var (windows, ending) = Cut(Training(TrainingWindows.Random), Decoded(3, samples: 100));

        var window = Assert.Single(windows);
        Assert.Equal(3, window.Clip.Index);
        Assert.Same(ending.Clip, window.Clip);
        var offset = (int)window.Samples[0];
        Assert.InRange(offset, 0, 100 - Length);
        Assert.Equal(Ramp(offset, Length), window.Samples);
    }

    [Fact]
    public void The_random_window_is_the_same_for_the_same_seed_epoch_and_clip_and_moves_with_the_epoch()
    {
        var first = RandomOffsets(20, seed: 7, epoch: 0);
        var again = RandomOffsets(20, seed: 7, epoch: 0);
        var nextEpoch = RandomOffsets(20, seed: 7, epoch: 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, nextEpoch);
        Assert.True(first.Distinct().Count() > 10, $"offsets {string.Join(", ", first)} barely depend on the clip");
    }

    [Fact]
    public void All_windows_are_every_whole_window_from_the_start_and_the_partial_tail_is_dropped()
    {
        var (windows, ending) = Cut(Training(TrainingWindows.All), Decoded(0, samples: 4 * Length + 6));

        Assert.Equal([0L, 1, 2, 3], windows.Select(w => w.Index));
        Assert.All(windows, w => Assert.Equal(Ramp((int)w.Index * Length, Length), w.Samples));
        Assert.Equal(4, Assert.IsType<ClipEnded>(ending).Windows);
    }

    [Theory]
    [InlineData(TrainingWindows.Random)]
    [InlineData(TrainingWindows.All)]
    public void A_clip_shorter_than_a_window_gives_one_zero_padded_window(TrainingWindows mode)
    {
        var (windows, _) = Cut(Training(mode), Decoded(0, samples: 10));

        var window = Assert.Single(windows);
        Assert.Equal([.. Ramp(0, 10), .. new float[Length - 10]], window.Samples);
    }

    [Theory]
    [InlineData(TrainingWindows.Random)]
    [InlineData(TrainingWindows.All)]
    public void A_failed_clip_is_answered_for_without_windows(TrainingWindows mode)
    {
        var (windows, ending) = Cut(Training(mode), Failed(5));

        Assert.Equal(5, ending.Clip.Index);
        Assert.IsType<ClipFailed>(ending);
        Assert.Empty(windows);
    }

    [Theory]
    [InlineData(4 * Length + 6, 7)]
    [InlineData(4 * Length, Length)]
    [InlineData(10, 3)]
    public void A_clip_read_in_chunks_gives_the_windows_of_the_whole_clip_and_its_ending_counts_them(int samples, int chunk)
    {
        var every = WindowPlan.Every(WindowShape.Adjacent(22_050, Length));
        var whole = Decoded(2, samples);
        var chunks = Enumerable.Range(0, (samples + chunk - 1) / chunk)
            .Select(i => (ClipEvent)new AudioChunk(whole.Clip, new ArraySamples(Ramp(i * chunk, Math.Min(chunk, samples - i * chunk)))));

        var (streamed, ending) = Cut(every, [.. chunks, new ClipEnded(whole.Clip, 1.0, [])]);
        var (cutWhole, _) = Cut(every, whole);

        Assert.Equal(cutWhole.Select(w => (w.Index, w.Samples)), streamed.Select(w => (w.Index, w.Samples)), new WindowEquality());
        Assert.Equal(cutWhole.Count, Assert.IsType<ClipEnded>(ending).Windows);
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(Training(TrainingWindows.All));
            var failure = new TestException("the failure guard stopped the stream");
            up.SendNext(Decoded(0));
            Assert.IsType<Window>(down.RequestNext());
            Assert.IsType<ClipEnded>(down.RequestNext());

            up.SendError(failure);

            Assert.Same(failure, down.ExpectError());
        }, _materializer);
    }

    [Fact]
    public void Cancelling_downstream_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(Training(TrainingWindows.Random));
            up.SendNext(Decoded(0));
            down.RequestNext();

            down.Cancel();

            up.ExpectCancellation();
        }, _materializer);
    }

    private sealed class WindowEquality : IEqualityComparer<(long Index, float[] Samples)>
    {
        public bool Equals((long Index, float[] Samples) x, (long Index, float[] Samples) y) => x.Index == y.Index && x.Samples.SequenceEqual(y.Samples);

        public int GetHashCode((long Index, float[] Samples) obj) => obj.Index.GetHashCode();
    }
}
