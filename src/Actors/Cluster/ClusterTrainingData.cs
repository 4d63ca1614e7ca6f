using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Training;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Training batches whose clips are decoded and cut into windows on worker nodes: each epoch, the coordinator streams the
/// workers' windows into a bounded queue, and the provider's tail (shuffle, batch) runs here, as on a single node.
/// </summary>
public sealed class ClusterTrainingData(IActorRef coordinator, DataProvider provider, int sampleRate, IReadOnlyList<ClipRef> clips, int batchSize, int seed)
    : ITrainingData
{
    public IReadOnlyList<ClipRef> Clips => clips;

    public Source<Batch, NotUsed> Epoch(int epoch) =>
        Source.Queue<ClipWindows>(provider.Settings.StreamBuffer, OverflowStrategy.Backpressure)
            .MapMaterializedValue(queue =>
            {
                coordinator.Tell(new StartEpoch(epoch, seed, sampleRate, provider.Settings.WindowSamples, provider.Settings.TrainingWindows, clips,
                    queue, queue.WatchCompletionAsync()));
                return NotUsed.Instance;
            })
            .SelectMany(windows => windows.ToWindows())
            .Via(provider.ShuffleAndBatch(batchSize, seed, epoch));
}
