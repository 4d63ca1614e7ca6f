using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Scoring;
using Pipeline.Actors.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Composition;

/// <summary>
/// This process's part in a job, chosen in one place: a standalone actor system, or the coordinator of a cluster
/// (pipeline.cluster.enabled), whose workers run the job's clips. Commands get from here where their epochs come from
/// and who scores their clips.
/// </summary>
public sealed class PipelineNode : IAsyncDisposable
{
    private readonly CoordinatorNode? _coordinator;

    private PipelineNode(ActorSystem system, CoordinatorNode? coordinator)
    {
        System = system;
        _coordinator = coordinator;
    }

    public ActorSystem System { get; }

    public bool IsCoordinator => _coordinator is not null;

    /// <summary>The cluster's workers, when this process coordinates them; null for a single process.</summary>
    public ClusterWork? Work => _coordinator?.Work;

    /// <param name="shaping">This node's values of the settings that shape results, which every worker must share.</param>
    public static async Task<PipelineNode> StartAsync(string name, Config config, ClusterSettings cluster, ImmutableSortedDictionary<string, string> shaping,
        CancellationToken cancellation)
    {
        if (!cluster.Enabled)
            return new PipelineNode(ActorSystem.Create(name, config), null);
        var coordinator = await CoordinatorNode.StartAsync(cluster, config, shaping, cancellation);
        return new PipelineNode(coordinator.System, coordinator);
    }

    /// <summary>Where epochs come from: this node's provider, or the cluster's workers.</summary>
    public ITrainingData TrainingData(DataProvider provider, IReadOnlyList<ClipRef> clips, IClipAudio audio, int sampleRate, int batchSize, int seed) =>
        Work is null
            ? new LocalTrainingData(provider, clips, audio, batchSize, seed)
            : new ClusterTrainingData(Work, provider, sampleRate, clips, batchSize, seed);

    /// <summary>
    /// Who scores an evaluation's clips: the workers when this node coordinates a cluster and
    /// <paramref name="remote"/> (pipeline.cluster.remote-evaluation) says so; null: this node.
    /// </summary>
    public IClipScoring? Scoring(EvaluationJob job, bool remote) =>
        Work is { } work && remote
            ? new ClusterScoring(work, new ScoringJob("evaluate", WindowShape.Adjacent(job.SampleRate, job.Provider.WindowSamples), job.BatchSize,
                job.Model, [.. job.Tags], [], job.Precision, Pipeline.Streams.Scoring.RegroupOptions.Mean, Layer: null), job.Provider.Failures)
            : null;

    /// <summary>A coordinator leaves its cluster cleanly, so its workers know at once that the run is over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsCoordinator)
            await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await System.Terminate();
    }
}
