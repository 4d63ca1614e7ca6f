using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Training;

/// <summary>Where an epoch's training batches come from: this node's provider, or worker nodes in a cluster.</summary>
public interface ITrainingData
{
    IReadOnlyList<ClipRef> Clips { get; }

    Source<Batch, NotUsed> Epoch(int epoch);
}

/// <summary>
/// The single-node provider: clips decoded (or read from the cache) here. <paramref name="randomAccess"/>: the audio
/// is the cache's, read on demand, so an epoch of every window can be a permutation of all of them.
/// </summary>
public sealed class LocalTrainingData(DataProvider provider, IReadOnlyList<ClipRef> clips, Flow<ClipRef, DecodeOutcome, NotUsed> audio, int batchSize, int seed,
    bool randomAccess = false)
    : ITrainingData
{
    public IReadOnlyList<ClipRef> Clips => clips;

    public Source<Batch, NotUsed> Epoch(int epoch) => provider.TrainingBatches(clips, audio, batchSize, seed, epoch, randomAccess);
}
