using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>
/// The failure guard, driven by stream probes: outcomes pass as values, each failure is reported exactly once, and
/// the stream fails when the failures of the last window exceed the fraction.
/// </summary>
public sealed class FailureGuardStageSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;
    private readonly TestProbe _skipped;

    public FailureGuardStageSpec() : base(TestAkka.Config)
    {
        _materializer = OneElementBoundaries(Sys);
        _skipped = CreateTestProbe();
        Sys.EventStream.Subscribe(_skipped.Ref, typeof(ClipSkipped));
    }

    private (TestPublisher.Probe<ClipEvent> Up, TestSubscriber.Probe<ClipEvent> Down) Run(int window, double maxFraction, long earlierSuccesses = 0) =>
        this.SourceProbe<ClipEvent>().Via(new FailureGuardStage(new FailurePolicy(window, maxFraction) { EarlierSuccesses = earlierSuccesses }))
            .ToMaterialized(this.SinkProbe<ClipEvent>(), Keep.Both).Run(_materializer);

    /// <summary>Sends each outcome and expects it downstream, the same value.</summary>
    private static void PassThrough(TestPublisher.Probe<ClipEvent> up, TestSubscriber.Probe<ClipEvent> down, params ClipEvent[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            up.SendNext(outcome);
            Assert.Same(outcome, down.RequestNext());
        }
    }

    private void ExpectSkipped(params int[] clips)
    {
        foreach (var clip in clips)
            Assert.Equal(clip, _skipped.ExpectMsg<ClipSkipped>().Clip.Index);
        _skipped.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Nothing_is_pulled_or_pushed_before_downstream_requests()
    {
        var (up, down) = Run(window: 4, maxFraction: 0.5);
        var outcome = Decoded(0);
        up.SendNext(outcome); // taken by the boundary ahead of the stage

        down.EnsureSubscription();
        down.ExpectNoMsg(Quiet);
        up.ExpectNoMsg(Quiet);
        down.Request(1);

        Assert.Same(outcome, down.ExpectNext());
        Assert.Equal(1, up.ExpectRequest());
        down.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Each_failed_clip_passes_on_as_a_value_and_is_reported_exactly_once()
    {
        var (up, down) = Run(window: 10, maxFraction: 0.5);

        EventFilter.Warning(start: "skipping /virtual/1.mp3: clip 1 is not audio").ExpectOne(() =>
            EventFilter.Warning(start: "skipping /virtual/3.mp3: clip 3 is not audio").ExpectOne(() =>
                PassThrough(up, down, Decoded(0), Failed(1), Decoded(2), Failed(3), Decoded(4))));
        up.SendComplete();
        down.ExpectComplete();

        ExpectSkipped(1, 3);
    }

    [Fact]
    public void A_clip_decoded_with_warnings_is_logged_and_passes_on()
    {
        var (up, down) = Run(window: 10, maxFraction: 0.5);
        var odd = Decoded(0) with { Warnings = ["the header states 3 s, the file holds 2 s"] };

        EventFilter.Warning(contains: "decoded with 1 warning(s): the header states 3 s").ExpectOne(() => PassThrough(up, down, odd));
        ExpectSkipped();
    }

    [Fact]
    public void Up_to_the_fraction_of_the_last_window_may_fail()
    {
        var (up, down) = Run(window: 4, maxFraction: 0.5);

        // Every window of 4 holds at most 2 failures, which is not more than half.
        PassThrough(up, down, Decoded(0), Failed(1), Failed(2), Decoded(3), Decoded(4), Failed(5), Failed(6), Decoded(7));
        up.SendComplete();
        down.ExpectComplete();
    }

    [Fact]
    public void More_than_the_fraction_of_the_last_window_fails_the_stream_and_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(window: 4, maxFraction: 0.5);
            PassThrough(up, down, Decoded(0), Failed(1), Failed(2), Decoded(3));

            up.SendNext(Failed(4));
            down.Request(1);

            var error = Assert.IsType<SystematicDecodeFailureException>(down.ExpectError());
            Assert.StartsWith("3 of the last 4 files failed to decode", error.Message);
            Assert.Contains("last reason: clip 4 is not audio", error.Message);
            up.ExpectCancellation();
            ExpectSkipped(1, 2, 4);
        }, _materializer);
    }

    [Fact]
    public void Failures_that_left_the_window_no_longer_count()
    {
        var (up, down) = Run(window: 4, maxFraction: 0.5);

        // Four failures in all, more than 2 of a window of 4, but never more than 2 within one window.
        PassThrough(up, down, Failed(0), Failed(1), Decoded(2), Decoded(3), Decoded(4), Decoded(5), Failed(6), Failed(7));
        up.SendComplete();
        down.ExpectComplete();
    }

    [Fact]
    public void Failures_are_judged_only_once_the_window_is_full()
    {
        var (up, down) = Run(window: 4, maxFraction: 0.5, earlierSuccesses: 1);

        PassThrough(up, down, Failed(0), Failed(1), Failed(2));
        up.SendComplete();
        down.ExpectComplete();
    }

    [Fact]
    public void An_unavailable_decoder_fails_the_stream_at_the_first_clip_that_says_so()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(window: 100, maxFraction: 0.9);
            PassThrough(up, down, Decoded(0));

            up.SendNext(new ClipFailed(Clip(1), AudioReadFailure.DecoderUnavailable, "libsndfile.so.1 could not be loaded"));
            down.Request(1);

            var error = Assert.IsType<SystematicDecodeFailureException>(down.ExpectError());
            Assert.Contains("libsndfile.so.1 could not be loaded", error.Message);
            up.ExpectCancellation();
            ExpectSkipped(1);
        }, _materializer);
    }

    [Fact]
    public void A_stream_that_ends_without_a_decoded_clip_fails()
    {
        var (up, down) = Run(window: 10, maxFraction: 0.9);
        PassThrough(up, down, Failed(0), Failed(1));

        up.SendComplete();

        var error = Assert.IsType<SystematicDecodeFailureException>(down.ExpectError());
        Assert.StartsWith("none of the 2 files could be decoded; last reason: clip 1 is not audio", error.Message);
    }

    [Fact]
    public void Clips_decoded_outside_the_stream_count_as_successes_at_its_end()
    {
        var (up, down) = Run(window: 10, maxFraction: 0.9, earlierSuccesses: 1);
        PassThrough(up, down, Failed(0), Failed(1));

        up.SendComplete();

        down.ExpectComplete();
    }

    [Fact]
    public void An_empty_stream_completes()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(window: 10, maxFraction: 0.5);
            down.EnsureSubscription();
            up.SendComplete();
            down.ExpectComplete();
        }, _materializer);
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(window: 10, maxFraction: 0.5);
            var failure = new TestException("the decoder pool stopped");
            PassThrough(up, down, Decoded(0));

            up.SendError(failure);

            Assert.Same(failure, down.ExpectError());
        }, _materializer);
    }

    [Fact]
    public void Cancelling_downstream_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(window: 10, maxFraction: 0.5);
            PassThrough(up, down, Decoded(0));

            down.Cancel();

            up.ExpectCancellation();
        }, _materializer);
    }
}
