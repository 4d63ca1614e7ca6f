using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>What to tag and how: the files, their windows, how they are decoded, batched and regrouped.</summary>
public sealed record TaggingJob(
    IReadOnlyList<AudioFile> Files,
    WindowShape Shape,
    AudioSettings Audio,
    ProviderSettings Provider,
    int BatchSize,
    RegroupOptions Options);

/// <summary>
/// The tagging graph on an actor system (<see cref="TaggingFlows"/>): the supervised window decoders read
/// <see cref="ProviderSettings.DecodeParallelism"/> files at once, a chunk of up to a batch of windows per request,
/// and the model runs on the torch dispatcher.
/// </summary>
public static class TaggingGraph
{
    public static Source<FileOutcome, NotUsed> Outcomes(ActorSystem system, TaggingJob job, WindowScorer scorer)
    {
        var decoders = SupervisedWindowDecoders.Start(system, job.Provider.DecodeParallelism, job.Provider.DecodeTimeout,
            job.Audio.CreateReader(), job.Shape, job.Audio.ResampleQuality, chunkWindows: job.BatchSize);
        return TaggingFlows.Tag(job.Files, decoders.Windows, job.Provider.DecodeParallelism, job.BatchSize, job.Shape.WindowSamples,
            scorer.Flow(system), job.Options);
    }

    /// <summary>Runs the graph, handing each outcome to <paramref name="onOutcome"/> as its file completes.</summary>
    public static Task Run(ActorSystem system, TaggingJob job, WindowScorer scorer, Action<FileOutcome> onOutcome, CancellationToken cancellation)
    {
        var materializer = new DataProvider(job.Provider).Materializer(system);
        var (killSwitch, done) = Outcomes(system, job, scorer)
            .ViaMaterialized(Akka.Streams.KillSwitches.Single<FileOutcome>(), Keep.Right)
            .Async()
            .ToMaterialized(Sink.ForEach(onOutcome), Keep.Both)
            .Run(materializer);
        cancellation.Register(() => killSwitch.Abort(new OperationCanceledException("tagging was cancelled")));
        return done;
    }
}
