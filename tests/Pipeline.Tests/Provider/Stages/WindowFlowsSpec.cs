using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Streams.Provider;
using Pipeline.Streams.Provider.Stages;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>
/// Segmenting, driven by stream probes: which windows each clip gives an epoch. The clips are ramps (sample i is i),
/// so a window's samples tell where in the clip it was cut.
/// </summary>
public sealed class WindowFlowsSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int Length = 16;
    private readonly IMaterializer _materializer;

    public WindowFlowsSpec() : base(TestAkka.Config) => _materializer = OneElementBoundaries(Sys);

    private (TestPublisher.Probe<DecodeOutcome> Up, TestSubscriber.Probe<ClipSegments> Down) Run(TrainingWindows windows, int seed = 1, int epoch = 0) =>
        this.SourceProbe<DecodeOutcome>().Via(WindowFlows.Cut(windows, Length, seed, epoch))
            .ToMaterialized(this.SinkProbe<ClipSegments>(), Keep.Both).Run(_materializer);

    private ClipSegments Cut(DecodeOutcome outcome, TrainingWindows windows, int seed = 1, int epoch = 0)
    {
        var (up, down) = Run(windows, seed, epoch);
        up.SendNext(outcome);
        var cut = down.RequestNext();
        up.SendComplete();
        down.ExpectComplete();
        return cut;
    }

    /// <summary>Where each of clips 0..count-1 (100 samples each) has its random window, for one seed and epoch.</summary>
    private List<int> RandomOffsets(int count, int seed, int epoch)
    {
        var (up, down) = Run(TrainingWindows.Random, seed, epoch);
        var offsets = new List<int>();
        foreach (var clip in Enumerable.Range(0, count))
        {
            up.SendNext(Decoded(clip, samples: 100));
            offsets.Add((int)down.RequestNext().Segments.Single().Samples[0]);
        }
        return offsets;
    }

    private static float[] Ramp(int from, int count) => Enumerable.Range(from, count).Select(i => (float)i).ToArray();

    [Fact]
    public void Nothing_is_pulled_or_pushed_before_downstream_requests()
    {
        var (up, down) = Run(TrainingWindows.All);
        up.SendNext(Decoded(0, samples: 3 * Length)); // taken by the boundary ahead of the stage

        down.EnsureSubscription();
        down.ExpectNoMsg(Quiet);
        up.ExpectNoMsg(Quiet);
        down.Request(1);

        Assert.Equal(3, down.ExpectNext().Segments.Count);
        Assert.Equal(1, up.ExpectRequest());
    }

    [Fact]
    public void A_random_window_is_one_whole_window_inside_the_clip()
    {
        var cut = Cut(Decoded(3, samples: 100), TrainingWindows.Random);

        var segment = Assert.Single(cut.Segments);
        Assert.Equal(3, cut.Clip.Index);
        Assert.Same(cut.Clip, segment.Clip);
        var offset = (int)segment.Samples[0];
        Assert.InRange(offset, 0, 100 - Length);
        Assert.Equal(Ramp(offset, Length), segment.Samples);
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
        var cut = Cut(Decoded(0, samples: 4 * Length + 6), TrainingWindows.All);

        Assert.Equal([0, 1, 2, 3], cut.Segments.Select(s => s.Window));
        Assert.All(cut.Segments, s => Assert.Equal(Ramp(s.Window * Length, Length), s.Samples));
    }

    [Theory]
    [InlineData(TrainingWindows.Random)]
    [InlineData(TrainingWindows.All)]
    public void A_clip_shorter_than_a_window_gives_one_zero_padded_window(TrainingWindows windows)
    {
        var cut = Cut(Decoded(0, samples: 10), windows);

        var segment = Assert.Single(cut.Segments);
        Assert.Equal([.. Ramp(0, 10), .. new float[Length - 10]], segment.Samples);
    }

    [Theory]
    [InlineData(TrainingWindows.Random)]
    [InlineData(TrainingWindows.All)]
    public void A_failed_clip_is_answered_for_without_windows(TrainingWindows windows)
    {
        var cut = Cut(Failed(5), windows);

        Assert.Equal(5, cut.Clip.Index);
        Assert.Empty(cut.Segments);
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(TrainingWindows.All);
            var failure = new TestException("the failure guard stopped the stream");
            up.SendNext(Decoded(0));
            Assert.Single(down.RequestNext().Segments);

            up.SendError(failure);

            Assert.Same(failure, down.ExpectError());
        }, _materializer);
    }

    [Fact]
    public void Cancelling_downstream_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(TrainingWindows.Random);
            up.SendNext(Decoded(0));
            down.RequestNext();

            down.Cancel();

            up.ExpectCancellation();
        }, _materializer);
    }
}
