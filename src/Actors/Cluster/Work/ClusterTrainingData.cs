using Akka;
using Akka.Streams.Dsl;
using Pipeline.Actors.Training;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Graph.Stages;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// Training batches whose clips are decoded and cut into windows on worker nodes: each epoch is a job of its clips in
/// the epoch's seeded order, every clip's windows come back once, the coordinator reports the clips that failed, and
/// the provider's tail (shuffle, batch) runs here, as on a single node. The batches' order follows the workers' timing,
/// so a resumed epoch leaves out the windows already trained on instead of skipping batches.
/// </summary>
public sealed class ClusterTrainingData(ClusterWork work, DataProvider provider, int sampleRate, IReadOnlyList<ClipRef> clips, int batchSize, int seed)
    : ITrainingData
{
    public IReadOnlyList<ClipRef> Clips => clips;

    public bool ResumesByWindows => true;

    public Source<Batch, NotUsed> Epoch(int epoch, EpochStart start)
    {
        var settings = provider.Settings;
        var job = new TrainingWindowsJob(sampleRate, settings.WindowSamples, settings.TrainingWindows, settings.Augmentation, seed, epoch);
        return work.Run(job, DataProvider.EpochOrder(clips, seed, epoch))
            .SelectMany(JobResults.Events)
            .Via(new FailureGuardStage(settings.Failures))
            .Where(clipEvent => clipEvent is not Window window || !start.WindowsDone.Contains(new WindowRow(window.Clip.Index, window.Index).Key))
            .Via(provider.ShuffleAndBatch(batchSize, seed, epoch));
    }
}
