using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Training;
using Pipeline.Model.Models;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Composition;

/// <summary>
/// This process's part in a run, chosen in one place: a standalone actor system, or the trainer node of a cluster
/// (pipeline.cluster.enabled), whose workers decode and may evaluate. Commands that train or feed a trainer get
/// their epochs and their evaluator from here.
/// </summary>
public sealed class PipelineNode : IAsyncDisposable
{
    private readonly TrainerNode? _trainer;

    private PipelineNode(ActorSystem system, TrainerNode? trainer)
    {
        System = system;
        _trainer = trainer;
    }

    public ActorSystem System { get; }

    public bool IsClusterTrainer => _trainer is not null;

    public static async Task<PipelineNode> StartAsync(string name, Config config, ClusterSettings cluster, int streamBuffer, CancellationToken cancellation)
    {
        if (!cluster.Enabled)
            return new PipelineNode(ActorSystem.Create(name, config), null);
        var trainer = await TrainerNode.StartAsync(cluster, config, streamBuffer, cancellation);
        return new PipelineNode(trainer.System, trainer);
    }

    /// <summary>Where epochs come from: this node's provider (over random-access audio: the cache), or the cluster's workers.</summary>
    public ITrainingData TrainingData(DataProvider provider, IReadOnlyList<ClipRef> clips, IClipAudio audio, int sampleRate, int batchSize, int seed) =>
        _trainer is null
            ? new LocalTrainingData(provider, clips, audio, batchSize, seed)
            : new ClusterTrainingData(_trainer.Coordinator, provider, sampleRate, clips, batchSize, seed);

    /// <summary>Who evaluates snapshots: null for an evaluator on this node.</summary>
    public Props? EvaluatorProps(ModelSettings model, int windowSamples, IReadOnlyList<string> tags) =>
        _trainer?.EvaluatorProps(model, windowSamples, tags);

    public async ValueTask DisposeAsync() => await System.Terminate();
}
