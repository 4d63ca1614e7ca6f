using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Scoring;

/// <summary>Runs the scoring graph over clips into a callback, as `tag`, `embed` and `similar` do, cancellable at any point.</summary>
public static class ScoringRun
{
    public static Task Run(ActorSystem system, IReadOnlyList<ClipRef> clips, IClipAudio audio, ScoringShape shape, IActorRef scorer,
        RegroupOptions options, FailurePolicy failures, int streamBuffer, Action<ClipOutcome> onOutcome, CancellationToken cancellation)
    {
        var (killSwitch, done) = ScoringGraph.Score(clips, audio, shape, ScoringActor.Flow(scorer), options, failures)
            .ViaMaterialized(KillSwitches.Single<ClipOutcome>(), Keep.Right)
            .Async()
            .ToMaterialized(Sink.ForEach(onOutcome), Keep.Both)
            .Run(StreamMaterializer.Create(system, streamBuffer));
        cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("scoring was cancelled")));
        return done;
    }
}
