using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Training;
using Pipeline.Streams.Provider;
using Pipeline.Streams.Provider.Stages;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Training batches whose clips are decoded and segmented on worker nodes: each epoch, the coordinator streams the
/// workers' windows into a bounded queue; shuffling and batching happen here, as in the single-node provider.
/// </summary>
public sealed class ClusterTrainingData(IActorRef coordinator, ProviderSettings settings, int sampleRate, IReadOnlyList<ClipRef> clips, int batchSize, int seed)
    : ITrainingData
{
    public Source<Batch, NotUsed> Epoch(int epoch) =>
        Source.Queue<ClipWindows>(settings.StreamBuffer, OverflowStrategy.Backpressure)
            .MapMaterializedValue(queue =>
            {
                coordinator.Tell(new StartEpoch(epoch, seed, sampleRate, settings.SegmentSamples, settings.TrainingWindows, clips, queue, queue.WatchCompletionAsync()));
                return NotUsed.Instance;
            })
            .SelectMany(windows => windows.Segments())
            .Via(new ShuffleStage<Segment>(settings.ShuffleBuffer, Seeds.Derive(seed, epoch, 1)))
            .Grouped(batchSize)
            .Select(group => Batch.From(group.ToList()));
}
