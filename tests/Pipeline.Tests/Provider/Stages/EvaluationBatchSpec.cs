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
/// Evaluation batches, driven by stream probes: every window in order, the last batch holding whatever is left
/// (the model is in evaluation mode, so a batch of one is fine).
/// </summary>
public sealed class EvaluationBatchSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public EvaluationBatchSpec() : base(TestAkka.Config) => _materializer = OneElementBoundaries(Sys);

    private (TestPublisher.Probe<ClipEvent> Up, TestSubscriber.Probe<Batch> Down) Run(int batchSize) =>
        this.SourceProbe<ClipEvent>().Via(new BatchStage(batchSize, windowSamples: 4)).ToMaterialized(this.SinkProbe<Batch>(), Keep.Both).Run(_materializer);

    [Fact]
    public void Nothing_is_pulled_or_pushed_before_downstream_requests()
    {
        var (up, down) = Run(batchSize: 3);
        Send(up, [0]); // taken by the boundary ahead of the stage

        down.EnsureSubscription();
        up.ExpectNoMsg(Quiet);
        down.ExpectNoMsg(Quiet);
        down.Request(1);
        Send(up, [1, 2]);

        Assert.Equal([0, 1, 2], down.ExpectNext().Clips.ToArray());
    }

    [Theory]
    [InlineData(3, 9, new[] { 3, 3, 3 })]
    [InlineData(3, 10, new[] { 3, 3, 3, 1 })]
    [InlineData(3, 11, new[] { 3, 3, 3, 2 })]
    [InlineData(3, 1, new[] { 1 })]
    public void Every_window_is_batched_once_in_order_and_the_last_batch_holds_the_rest(int batchSize, int segments, int[] sizes)
    {
        var (up, down) = Run(batchSize);
        down.Request(segments);

        Send(up, Enumerable.Range(0, segments));
        up.SendComplete();
        var batches = down.ExpectNextN(sizes.Length).ToList();
        down.ExpectComplete();

        Assert.Equal(sizes, batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, segments), batches.SelectMany(b => b.Clips));
        Assert.Equal(Enumerable.Range(0, segments).SelectMany(clip => Clip(clip).Labels), batches.SelectMany(b => b.Labels));
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(batchSize: 4);
            var failure = new TestException("decoding failed systematically");
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
            Send(up, [0, 1]);
            down.ExpectNext();

            down.Cancel();

            up.ExpectCancellation();
        }, _materializer);
    }
}
