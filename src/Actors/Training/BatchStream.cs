using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Actors.Plumbing;

namespace Pipeline.Actors.Training;

/// <summary>The messages a batch stream sends its consumer (trainer or evaluator); tagged so that stale ones are recognised.</summary>
internal sealed record BatchStreamStarted(long Stream);
internal sealed record BatchStreamCompleted(long Stream);
internal sealed record BatchStreamFailed(long Stream, Exception Cause);

internal sealed record BatchAck
{
    public static BatchAck Instance { get; } = new();
}

/// <summary>
/// Runs batches into an actor that acknowledges each one (backpressure: the next batch is made only after the
/// consumer has taken this one), behind a kill switch that cuts the stream at once. Stream ids are process-wide,
/// so a message from a stream of an earlier incarnation of the consumer (before a restart) is never taken for its own.
/// </summary>
internal static class BatchStream
{
    private static long _streams;

    public static (long Id, UniqueKillSwitch Switch) Run(Source<Batch, NotUsed> batches, IActorRef consumer, IMaterializer materializer)
    {
        var id = Interlocked.Increment(ref _streams);
        var killSwitch = batches
            .ViaMaterialized(KillSwitches.Single<Batch>(), Keep.Right)
            .To(AcknowledgingSink.To<Batch>(consumer, new BatchStreamStarted(id), BatchAck.Instance,
                new BatchStreamCompleted(id), e => new BatchStreamFailed(id, e)))
            .Run(materializer);
        return (id, killSwitch);
    }
}
