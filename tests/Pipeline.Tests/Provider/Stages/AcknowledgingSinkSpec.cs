using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Pipeline.Streams.Clips;
using Pipeline.Actors.Plumbing;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

using static Pipeline.Tests.Provider.Stages.StageFixtures;

namespace Pipeline.Tests.Provider.Stages;

/// <summary>
/// The sink that feeds the trainer and the evaluator (<see cref="DataProvider.ToAcknowledgingActor{T}"/>), driven by a
/// source probe, with a test probe as the acknowledging consumer.
/// </summary>
public sealed class AcknowledgingSinkSpec : Akka.TestKit.Xunit2.TestKit
{

    // Boundaries of two by default: were the sink to take its buffer from the materializer (or Akka's default of 16)
    // instead of holding one element, the source probe would be asked for more. The boundary in front of the sink
    // takes its size from the sink's input buffer attribute, so it holds one element too.
    private const int DefaultBoundary = 2;
    private readonly IMaterializer _materializer;
    private readonly TestProbe _consumer;

    public AcknowledgingSinkSpec() : base(TestAkka.Config)
    {
        _materializer = Sys.Materializer(ActorMaterializerSettings.Create(Sys).WithInputBuffer(DefaultBoundary, DefaultBoundary));
        _consumer = CreateTestProbe();
    }

    private sealed record Failed(Exception Cause);

    /// <summary>The sink's stage actor, which sent "init" and takes the acknowledgements.</summary>
    private IActorRef Started()
    {
        _consumer.ExpectMsg("init");
        return _consumer.LastSender;
    }

    private void Ack(IActorRef sink) => sink.Tell("ack", _consumer.Ref);

    private TestPublisher.Probe<int> Run() =>
        this.SourceProbe<int>()
            .To(AcknowledgingSink.To<int>(_consumer.Ref, "init", "ack", "done", e => new Failed(e)))
            .Run(_materializer);

    private static void Send(TestPublisher.Probe<int> up, params int[] elements)
    {
        foreach (var element in elements)
            up.SendNext(element);
    }

    [Fact]
    public void Nothing_reaches_the_consumer_before_it_acknowledges_the_start()
    {
        var up = Run();
        var sink = Started();
        Send(up, 0);

        _consumer.ExpectNoMsg(Quiet);
        Ack(sink);

        _consumer.ExpectMsg(0);
    }

    [Fact]
    public void The_sink_holds_one_element_beyond_the_one_the_consumer_has_not_acknowledged()
    {
        var up = Run();
        var sink = Started();

        // Before the consumer is ready: one element in the sink, one in the boundary, nothing more asked for.
        Send(up, 0, 1);
        up.ExpectNoMsg(Quiet);

        // Each acknowledgement lets exactly one more element in: one at the consumer, one in the sink, one in the boundary.
        foreach (var element in new[] { 0, 1, 2, 3 })
        {
            Ack(sink);
            _consumer.ExpectMsg(element);
            Send(up, element + 2);
        }
        up.ExpectNoMsg(Quiet);
        _consumer.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Completion_reaches_the_consumer_after_its_last_element()
    {
        this.AssertAllStagesStopped(() =>
        {
            var up = Run();
            var sink = Started();
            Send(up, 0, 1);
            up.SendComplete();

            Ack(sink);
            _consumer.ExpectMsg(0);
            _consumer.ExpectNoMsg(Quiet);
            Ack(sink);

            _consumer.ExpectMsg(1);
            _consumer.ExpectMsg("done");
        }, _materializer);
    }

    [Fact]
    public void An_upstream_failure_is_told_to_the_consumer()
    {
        this.AssertAllStagesStopped(() =>
        {
            var up = Run();
            var failure = new TestException("the provider failed");
            var sink = Started();
            Ack(sink);
            Send(up, 0);
            _consumer.ExpectMsg(0);

            up.SendError(failure);

            Assert.Same(failure, _consumer.ExpectMsg<Failed>().Cause);
        }, _materializer);
    }

    [Fact]
    public void A_consumer_that_stops_cancels_upstream()
    {
        this.AssertAllStagesStopped(() =>
        {
            var up = Run();
            var sink = Started();
            Ack(sink);
            Send(up, 0);
            _consumer.ExpectMsg(0);

            Sys.Stop(_consumer.Ref);

            up.ExpectCancellation();
        }, _materializer);
    }
}
