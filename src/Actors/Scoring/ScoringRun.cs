using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Scoring;

/// <summary>Runs clips' outcomes (this node's scoring graph, or the cluster's) into a callback, as `tag`, `embed` and `similar` do, cancellable at any point.</summary>
public static class ScoringRun
{
    public static Task Run(ActorSystem system, Source<ClipOutcome, NotUsed> outcomes, int streamBuffer, Action<ClipOutcome> onOutcome,
        CancellationToken cancellation)
    {
        var (killSwitch, done) = outcomes
            .ViaMaterialized(KillSwitches.Single<ClipOutcome>(), Keep.Right)
            .Async()
            .ToMaterialized(Sink.ForEach(onOutcome), Keep.Both)
            .Run(StreamMaterializer.Create(system, streamBuffer));
        cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("scoring was cancelled")));
        return done;
    }
}
