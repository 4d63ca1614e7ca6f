using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>
/// Training batches, driven by stream probes: full batches in arrival order, the last one as full as it gets, and
/// never a batch of one window when more than one arrived (batch norm cannot train on it).
/// </summary>
public sealed class TrainingBatchStageSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public TrainingBatchStageSpec() : base(TestAkka.Config) => _materializer = OneElementBoundaries(Sys);

    private (TestPublisher.Probe<ClipEvent> Up, TestSubscriber.Probe<Batch> Down) Run(int batchSize) =>
        this.SourceProbe<ClipEvent>().Via(new BatchStage(batchSize, windowSamples: 4, neverLone: true)).ToMaterialized(this.SinkProbe<Batch>(), Keep.Both).Run(_materializer);

    [Fact]
    public void Nothing_is_pulled_or_pushed_before_downstream_requests()
    {
        var (up, down) = Run(batchSize: 2);
        Send(up, [0]); // taken by the boundary ahead of the stage

        down.EnsureSubscription();
        up.ExpectNoMsg(Quiet);
        down.ExpectNoMsg(Quiet);
        down.Request(1);
        Send(up, [1, 2, 3]);

        Assert.Equal([0, 1], down.ExpectNext().Clips.ToArray());
    }

    [Fact]
    public void A_full_batch_leaves_once_two_more_segments_follow_and_the_stage_then_waits_for_demand()
    {
        var (up, down) = Run(batchSize: 3);
        down.Request(1);

        // With one segment after the batch, the stream might end there, leaving a lone segment.
        Send(up, [0, 1, 2, 3]);
        down.ExpectNoMsg(Quiet);
        Send(up, [4]);
        Assert.Equal([0, 1, 2], down.ExpectNext().Clips.ToArray());

        // Two segments held, one more fetched by the boundary, and no further pull until downstream asks.
        Send(up, [5]);
        up.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_batch_holds_its_segments_rows_in_arrival_order_with_their_labels_and_clips()
    {
        var (up, down) = Run(batchSize: 2);
        down.Request(1);
        Send(up, [7, 4, 9, 1]);

        var batch = down.ExpectNext();

        Assert.Equal((2, 4, 3), (batch.Count, batch.WindowSamples, batch.TagCount));
        Assert.Equal([7, 4], batch.Clips.ToArray());
        Assert.Equal([7, 7, 7, 7, 4, 4, 4, 4], batch.Samples);
        Assert.Equal([.. Clip(7).Labels, .. Clip(4).Labels], batch.Labels);
    }

    [Theory]
    [InlineData(4, 8, new[] { 4, 4 })]
    [InlineData(4, 9, new[] { 4, 5 })]
    [InlineData(4, 10, new[] { 4, 4, 2 })]
    [InlineData(4, 11, new[] { 4, 4, 3 })]
    [InlineData(4, 13, new[] { 4, 4, 5 })]
    [InlineData(4, 5, new[] { 5 })]
    [InlineData(4, 4, new[] { 4 })]
    [InlineData(4, 3, new[] { 3 })]
    [InlineData(4, 2, new[] { 2 })]
    [InlineData(4, 1, new[] { 1 })]
    [InlineData(1, 3, new[] { 1, 2 })]
    [InlineData(23, 15_250 % 23 + 2 * 23, new[] { 23, 24 })] // MagnaTagATune's 15,250 training clips at batch 23 end like this
    public void Every_segment_is_batched_once_in_order_and_a_lone_last_segment_joins_the_batch_before_it(int batchSize, int segments, int[] sizes)
    {
        var (up, down) = Run(batchSize);
        down.Request(segments);

        Send(up, Enumerable.Range(0, segments));
        up.SendComplete();
        var batches = down.ExpectNextN(sizes.Length).ToList();
        down.ExpectComplete();

        Assert.Equal(sizes, batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, segments), batches.SelectMany(b => b.Clips));
    }

    [Fact]
    public void The_last_batch_waits_for_demand_before_the_stream_completes()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(batchSize: 4);
            down.Request(1);
            Send(up, Enumerable.Range(0, 7));
            Assert.Equal([0, 1, 2, 3], down.ExpectNext().Clips.ToArray());

            up.SendComplete();
            down.ExpectNoMsg(Quiet);
            down.Request(1);

            Assert.Equal([4, 5, 6], down.ExpectNext().Clips.ToArray());
            down.ExpectComplete();
        }, _materializer);
    }

    [Fact]
    public void An_empty_stream_completes_without_a_batch()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(batchSize: 4);
            down.Request(1);
            up.SendComplete();
            down.ExpectComplete();
        }, _materializer);
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(batchSize: 4);
            var failure = new TestException("the shuffle failed");
            down.Request(1);
            Send(up, [0, 1]);

            up.SendError(failure);

            Assert.Same(failure, down.ExpectError());
        }, _materializer);
    }

    [Fact]
    public void Cancelling_downstream_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(batchSize: 2);
            down.Request(1);
            Send(up, [0, 1, 2, 3]);
            down.ExpectNext();

            down.Cancel();

            up.ExpectCancellation();
        }, _materializer);
    }

    [Fact]
    public void A_batch_size_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchStage(0, 4, neverLone: true));
    }
}
