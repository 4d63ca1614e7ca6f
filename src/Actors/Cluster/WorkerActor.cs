using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// A worker node's front door (/user/worker). For each partition of an epoch it runs decode -> downsample ->
/// segment over the given clips and answers with a stream reference the trainer pulls from across the network, so a
/// slow trainer slows the worker and nothing piles up. Snapshot evaluations go to its evaluator child.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    public const string Name = "worker";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _partitions;

    public WorkerActor(WorkerJob job)
    {
        var materializer = job.Provider.Materializer(Context.System);
        var evaluator = Context.ActorOf(WorkerEvaluatorActor.Props(job), "evaluator");

        Receive<OpenPartition>(partition => partition.SampleRate != job.SampleRate, partition =>
            Sender.Tell(new Status.Failure(new InvalidOperationException(
                $"worker {Self.Path.Address} reads audio at {job.SampleRate} Hz but the trainer trains at {partition.SampleRate} Hz; " +
                "give both the same pipeline.audio.sample-rate"))));
        Receive<OpenPartition>(partition =>
        {
            _partitions++;
            _log.Info("partition {0} of epoch {1}: {2} clips for {3}", _partitions, partition.Epoch + 1, partition.Clips.Length, Sender.Path.Address);
            var length = partition.SegmentSamples;
            // Every clip of the partition is answered for: a clip the decoders skipped (already reported by them) is
            // sent without windows, so the trainer does not take it for lost and hand it to another worker.
            var unanswered = new Queue<ClipRef>(partition.Clips);
            Source.From(partition.Clips)
                .Via(job.Audio)
                .Select(Option<ClipAudio>.Create)
                // The end of the partition, as an element: only then is whatever is still unanswered known to be skipped.
                .Concat(Source.Single(Option<ClipAudio>.None))
                .SelectMany(decoded =>
                {
                    var answers = new List<ClipWindows>();
                    while (unanswered.Count > 0 && (!decoded.HasValue || unanswered.Peek().Index != decoded.Value.Clip.Index))
                        answers.Add(ClipWindows.Skipped(unanswered.Dequeue(), length));
                    if (!decoded.HasValue)
                        return answers;
                    var clip = decoded.Value;
                    unanswered.Dequeue();
                    answers.Add(ClipWindows.From(clip.Clip, partition.Windows == TrainingWindows.Random
                        ? [Segmenter.RandomWindow(clip, length, partition.Seed, partition.Epoch)]
                        : Segmenter.AllWindows(clip, length).ToList(), length));
                    return answers;
                })
                .RunWith(StreamRefs.SourceRef<ClipWindows>(), materializer)
                .PipeTo(Sender);
        });
        Receive<EvaluateRemotely>(request => evaluator.Forward(request));
    }

    public static Props Props(WorkerJob job) => Akka.Actor.Props.Create(() => new WorkerActor(job));
}
