using Akka.Actor;
using Akka.Event;
using Akka;
using Akka.Streams.Dsl;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// A worker node's front door (/user/worker). For each partition of an epoch it runs the provider's prefix (audio,
/// failure guard, windows) over the given clips and answers with a stream reference the trainer pulls from across
/// the network, so a slow trainer slows the worker and nothing piles up. Every clip is answered for: one that failed
/// arrives as a value and is sent without windows. Snapshot evaluations go to its evaluator child.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    public const string Name = "worker";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _partitions;

    public WorkerActor(WorkerJob job)
    {
        var materializer = StreamMaterializer.Create(Context, job.Provider.Settings.StreamBuffer);
        var evaluator = Context.ActorOf(WorkerEvaluatorActor.Props(job), "evaluator");

        Receive<OpenPartition>(partition => partition.SampleRate != job.SampleRate, partition =>
            Sender.Tell(new Status.Failure(new InvalidOperationException(
                $"worker {Self.Path.Address} reads audio at {job.SampleRate} Hz but the trainer trains at {partition.SampleRate} Hz; " +
                "give both the same pipeline.audio.sample-rate"))));
        Receive<OpenPartition>(partition =>
        {
            _partitions++;
            _log.Info("partition {0} of epoch {1}: {2} clips for {3}", _partitions, partition.Epoch + 1, partition.Clips.Length, Sender.Path.Address);
            // A partition is one piece of a larger run: a partition of leftover bad files is not a systematic failure.
            var provider = new DataProvider(job.Provider.Settings with { TrainingWindows = partition.Windows, WindowSamples = partition.WindowSamples });
            provider.Windows(partition.Clips, job.Audio, partition.Seed, partition.Epoch, earlierSuccesses: 1)
                .Via(PerClip(partition.WindowSamples))
                .RunWith(StreamRefs.SourceRef<ClipWindows>(), materializer)
                .PipeTo(Sender);
        });
        Receive<EvaluateRemotely>(request => evaluator.Forward(request));
    }

    public static Props Props(WorkerJob job) => Akka.Actor.Props.Create(() => new WorkerActor(job));

    /// <summary>A clip's windows, gathered until its ending, as one element (a clip is received whole or reassigned whole).</summary>
    private static Flow<ClipEvent, ClipWindows, NotUsed> PerClip(int windowSamples) =>
        Flow.Create<ClipEvent>().StatefulSelectMany(() =>
        {
            var windows = new List<Window>();
            return (Func<ClipEvent, IEnumerable<ClipWindows>>)(clipEvent =>
            {
                if (clipEvent is Window window)
                {
                    windows.Add(window);
                    return [];
                }
                var clip = ClipWindows.From(clipEvent.Clip, windows, windowSamples);
                windows = [];
                return [clip];
            });
        });
}
