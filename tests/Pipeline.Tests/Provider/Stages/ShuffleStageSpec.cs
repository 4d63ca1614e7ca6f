using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Tests.Support;

using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>The bounded, seeded shuffle between the windows and the batches, driven by stream probes.</summary>
public sealed class ShuffleStageSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public ShuffleStageSpec() : base(TestAkka.Config) => _materializer = StageFixtures.OneElementBoundaries(Sys);

    private (TestPublisher.Probe<int> Up, TestSubscriber.Probe<int> Down) Run(int capacity, int seed = 1) =>
        this.SourceProbe<int>().Via(new ShuffleStage<int>(capacity, seed)).ToMaterialized(this.SinkProbe<int>(), Keep.Both).Run(_materializer);

    /// <summary>0 .. count-1 sent in order through a shuffle with unbounded demand downstream.</summary>
    private List<int> Shuffle(int count, int capacity, int seed)
    {
        var (up, down) = Run(capacity, seed);
        down.Request(count);
        for (var i = 0; i < count; i++)
            up.SendNext(i);
        up.SendComplete();
        var output = down.ExpectNextN(count).ToList();
        down.ExpectComplete();
        return output;
    }

    [Fact]
    public void Nothing_is_pushed_before_downstream_requests()
    {
        var (up, down) = Run(capacity: 3);
        foreach (var i in new[] { 0, 1, 2 })
            up.SendNext(i);

        down.EnsureSubscription();
        down.ExpectNoMsg(Quiet);
        down.Request(1);

        Assert.InRange(down.ExpectNext(), 0, 2);
        down.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void It_fills_its_buffer_ahead_of_demand_and_pulls_nothing_more_until_an_element_leaves()
    {
        var (up, down) = Run(capacity: 4);
        down.EnsureSubscription();
        // Each SendNext waits for the stage to ask: 4 for the buffer, 1 fetched ahead by the boundary.
        foreach (var i in Enumerable.Range(0, 5))
            up.SendNext(i);

        up.ExpectNoMsg(Quiet);
        down.Request(1);
        Assert.InRange(down.ExpectNext(), 0, 3);
        // The element that left is replaced by the one the boundary held, and the boundary asks for one more.
        Assert.Equal(1, up.ExpectRequest());
        up.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void The_same_seed_gives_the_same_order_and_another_seed_another()
    {
        var first = Shuffle(count: 40, capacity: 8, seed: 5);
        var again = Shuffle(count: 40, capacity: 8, seed: 5);
        var other = Shuffle(count: 40, capacity: 8, seed: 6);

        Assert.Equal(Enumerable.Range(0, 40), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Enumerable.Range(0, 40), first);
    }

    [Fact]
    public void No_element_leaves_earlier_than_the_buffer_allows()
    {
        const int capacity = 5;
        var output = Shuffle(count: 60, capacity, seed: 11);

        // The k-th element out is drawn from the buffer, which has only seen the first capacity + k elements.
        Assert.All(output.Select((element, position) => (element, position)), o => Assert.InRange(o.element, 0, capacity + o.position - 1));
    }

    [Fact]
    public async Task Every_buffered_element_is_as_likely_to_leave_first()
    {
        const int capacity = 4, seeds = 400;
        var firsts = new int[capacity];
        // Demand does not matter here: only which element comes out first, over many seeds.
        foreach (var seed in Enumerable.Range(0, seeds))
            firsts[await Source.From(Enumerable.Range(0, 3 * capacity)).Via(new ShuffleStage<int>(capacity, seed)).RunWith(Sink.First<int>(), _materializer)]++;

        Assert.All(firsts, count => Assert.InRange(count, seeds / capacity * 7 / 10, seeds / capacity * 13 / 10));
    }

    [Fact]
    public void A_capacity_of_one_keeps_the_order()
    {
        Assert.Equal(Enumerable.Range(0, 10), Shuffle(count: 10, capacity: 1, seed: 3));
    }

    [Fact]
    public void Upstream_completion_drains_the_buffer_on_demand_before_completing()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(capacity: 8);
            foreach (var i in new[] { 0, 1, 2 })
                up.SendNext(i);
            up.SendComplete();

            down.Request(2);
            var drained = down.ExpectNextN(2).ToList();
            down.ExpectNoMsg(Quiet);
            down.Request(1);
            drained.Add(down.ExpectNext());
            down.ExpectComplete();

            Assert.Equal([0, 1, 2], drained.Order());
        }, _materializer);
    }

    [Fact]
    public void Upstream_completion_with_an_empty_buffer_completes_without_demand()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(capacity: 8);
            down.EnsureSubscription();
            up.SendComplete();
            down.ExpectComplete();
        }, _materializer);
    }

    [Fact]
    public void An_upstream_failure_fails_the_stage_without_waiting_for_demand()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(capacity: 8);
            var failure = new TestException("the windows failed");
            up.SendNext(0);
            up.SendNext(1);
            up.SendError(failure);

            down.EnsureSubscription();
            Assert.Same(failure, down.ExpectError());
        }, _materializer);
    }

    [Fact]
    public void Cancelling_downstream_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var (up, down) = Run(capacity: 8);
            up.SendNext(0);
            down.Cancel();
            up.ExpectCancellation();
        }, _materializer);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShuffleStage<int>(0, 1));
    }
}
