using Akka;
using Akka.Streams.Dsl;
using Pipeline.Actors.Scoring;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// Evaluation on the cluster's workers: each snapshot's weights go to them with the job, and each clip's outcome comes
/// back once; the coordinator reports the clips that failed, as the local failure guard would.
/// </summary>
public sealed class ClusterScoring(ClusterWork work, ScoringJob job, FailurePolicy failures) : IClipScoring
{
    public Source<ClipOutcome, NotUsed> Score(IReadOnlyList<ClipRef> clips, WeightSnapshot snapshot) =>
        work.Run(job with { Weights = snapshot.ToBytes() }, clips)
            .Select(result => ((ScoredResult)result).Outcome)
            .Via(ScoringGraph.Guarded(failures));
}
