using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// Jobs run on the cluster's workers, as sources of their results: where a single process runs a graph over its
/// clips, a coordinator runs <see cref="Run"/> and gets each clip's result once, in the order workers finish them. The
/// rest of the command (journal, cache, shuffle and trainer, metrics) is the same in both.
/// </summary>
/// <param name="shaping">The coordinator's values of the settings that shape results; every job carries them to the workers.</param>
public sealed class ClusterWork(ActorSystem system, IActorRef registry, WorkSettings settings, ImmutableSortedDictionary<string, string> shaping)
{
    private long _jobs = DateTime.UtcNow.Ticks;

    public WorkSettings Settings => settings;

    /// <summary>Each clip's result; the job starts when the source runs and stops (workers told) when it is cancelled.</summary>
    public Source<JobResult, NotUsed> Run(JobSpec spec, IReadOnlyList<ClipRef> clips) =>
        Source.Queue<JobResult>(settings.MaxBufferedResults, OverflowStrategy.Backpressure)
            .MapMaterializedValue(queue =>
            {
                system.ActorOf(JobCoordinatorActor.Props(Interlocked.Increment(ref _jobs), spec with { Shaping = shaping }, clips, registry, queue, settings));
                return NotUsed.Instance;
            });
}
