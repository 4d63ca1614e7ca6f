using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Scoring;

/// <summary>
/// Who scores clips with a snapshot's weights for an evaluation: this node's <see cref="ScoringActor"/> through the
/// scoring graph, or the cluster's workers running the same graph (Actors/Cluster). Either way each clip's outcome,
/// pooled by the mean.
/// </summary>
public interface IClipScoring
{
    Source<ClipOutcome, NotUsed> Score(IReadOnlyList<ClipRef> clips, WeightSnapshot snapshot);
}

/// <summary>This node's scorer: the weights go in first (batches reach the scorer from the stream, not from the caller), then the graph runs.</summary>
public sealed class LocalScoring(IActorRef scorer, IClipAudio audio, ScoringShape shape, FailurePolicy failures) : IClipScoring
{
    public Source<ClipOutcome, NotUsed> Score(IReadOnlyList<ClipRef> clips, WeightSnapshot snapshot) =>
        Source.FromTask(scorer.Ask<WeightsLoaded>(new LoadWeights(snapshot), Timeout.InfiniteTimeSpan))
            .ConcatMany(_ => ScoringGraph.Score(clips, audio, shape, ScoringActor.Flow(scorer), RegroupOptions.Mean, failures));
}
