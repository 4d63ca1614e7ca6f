using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Training;

/// <summary>Where an epoch's training batches come from: this node's provider, or worker nodes in a cluster.</summary>
public interface ITrainingData
{
    IReadOnlyList<ClipRef> Clips { get; }

    Source<Batch, NotUsed> Epoch(int epoch);
}

/// <summary>The single-node provider: clips decoded (or read from the cache) here.</summary>
public sealed class LocalTrainingData(DataProvider provider, IReadOnlyList<ClipRef> clips, IClipAudio audio, int batchSize, int seed) : ITrainingData
{
    public IReadOnlyList<ClipRef> Clips => clips;

    public Source<Batch, NotUsed> Epoch(int epoch) => provider.TrainingBatches(clips, audio, batchSize, seed, epoch);
}
