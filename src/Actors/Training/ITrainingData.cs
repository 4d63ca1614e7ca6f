using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Training;

/// <summary>
/// Where a resumed epoch picks up: after <see cref="StepsDone"/> batches, when the epoch's batches come in a seeded
/// order (one node), or without the windows in <see cref="WindowsDone"/> (<see cref="WindowKey"/> of each), when their
/// order follows the workers' timing (a cluster).
/// </summary>
public sealed record EpochStart(long StepsDone, IReadOnlySet<long> WindowsDone)
{
    public static EpochStart Fresh { get; } = new(0, new HashSet<long>());
}

/// <summary>Where an epoch's training batches come from: this node's provider, or worker nodes in a cluster.</summary>
public interface ITrainingData
{
    IReadOnlyList<ClipRef> Clips { get; }

    /// <summary>Whether a resumed epoch needs the windows trained on (its batch order is not reproducible), not a step count.</summary>
    bool ResumesByWindows { get; }

    Source<Batch, NotUsed> Epoch(int epoch, EpochStart start);
}

/// <summary>The single-node provider: clips decoded (or read from the cache) here, in a seeded order a resume can skip into.</summary>
public sealed class LocalTrainingData(DataProvider provider, IReadOnlyList<ClipRef> clips, IClipAudio audio, int batchSize, int seed) : ITrainingData
{
    public IReadOnlyList<ClipRef> Clips => clips;

    public bool ResumesByWindows => false;

    public Source<Batch, NotUsed> Epoch(int epoch, EpochStart start) =>
        provider.TrainingBatches(clips, audio, batchSize, seed, epoch).Skip(start.StepsDone);
}
