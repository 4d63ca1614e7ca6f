using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Scoring;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster.Worker;

/// <summary>A job's flow on a worker, and what it holds (a model) until the job ends.</summary>
public sealed class JobFlow(Flow<ClipRef, JobResult, NotUsed> flow, params IDisposable[] resources) : IDisposable
{
    public Flow<ClipRef, JobResult, NotUsed> Flow => flow;

    public void Dispose()
    {
        foreach (var resource in resources)
            resource.Dispose();
    }
}

/// <summary>
/// What a worker runs for each kind of job, built from the one path's parts as a single process builds it: scoring
/// (`tag`, `embed`, `evaluate`), whole clips for the cache (`extract --audio`), an epoch's training windows (`train`).
/// Failures travel on as results (the coordinator reports each once).
/// </summary>
public static class JobFlows
{
    /// <summary>How long a partial batch of a worker's open-ended stream waits for more windows before it is scored.</summary>
    public static readonly TimeSpan FlushAfter = TimeSpan.FromMilliseconds(200);

    public static JobFlow For(JobSpec spec, WorkerContext context, IActorContext actor) => spec switch
    {
        ScoringJob scoring => Scoring(scoring, context, actor),
        ExtractionJob extraction => new JobFlow(Flow.Create<ClipRef>()
            .Via(Decoders(extraction.SampleRate, context, actor).Whole(context.Provider.DecodeParallelism))
            .Select(audio => (JobResult)new AudioResult(audio))),
        TrainingWindowsJob training => new JobFlow(Flow.Create<ClipRef>()
            .Via(Decoders(training.SampleRate, context, actor).Whole(context.Provider.DecodeParallelism))
            .Via(new WindowStage(training.Plan))
            .Via(PerClip())),
        _ => throw new ArgumentException($"no worker flow for {spec.GetType().Name}", nameof(spec)),
    };

    private static JobFlow Scoring(ScoringJob job, WorkerContext context, IActorContext actor)
    {
        var session = new EvaluationSession(job.Model, job.Windows.WindowSamples, job.Tags, TorchRuntime.ResolveDevice(context.Device), job.Precision);
        LayerTap? tap = null;
        try
        {
            using (var weights = WeightSnapshot.FromBytes(job.Weights, session.Model, 0, 0, 0))
                session.Load(weights);
            tap = job.Layer is null ? null : LayerTap.Attach(session.Model, job.Layer.Length == 0 ? null : job.Layer);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        var scorer = actor.ActorOf(ScoringActor.Props(session, tap), "scorer");
        var shape = new ScoringShape(job.Windows, context.Provider.DecodeParallelism, job.BatchSize);
        var audio = Decoders(job.Windows.SampleRate, context, actor, chunkSamples: job.BatchSize * job.Windows.WindowSamples);
        var flow = ScoringGraph.Flow(audio, shape, ScoringActor.Flow(scorer), job.Options, FailurePolicy.Silent, FlushAfter)
            .Select(outcome => (JobResult)new ScoredResult(outcome));
        return new JobFlow(flow, [.. new IDisposable?[] { tap, session }.OfType<IDisposable>()]);
    }

    private static SupervisedDecoders Decoders(int sampleRate, WorkerContext context, IActorContext actor, int chunkSamples = 1 << 18) =>
        SupervisedDecoders.Start(actor, context.Provider.DecodeParallelism, context.Provider.DecodeTimeout, context.Audio with { SampleRate = sampleRate },
            chunkSamples);

    /// <summary>A clip's windows, gathered until its ending, as one result: a clip is received whole or given to another worker whole.</summary>
    private static Flow<ClipEvent, JobResult, NotUsed> PerClip() =>
        Flow.Create<ClipEvent>().StatefulSelectMany(() =>
        {
            var events = new List<ClipEvent>();
            return (Func<ClipEvent, IEnumerable<JobResult>>)(clipEvent =>
            {
                events.Add(clipEvent);
                if (clipEvent is not (ClipEnded or ClipFailed))
                    return [];
                var clip = new WindowsResult(clipEvent.Clip, events);
                events = [];
                return [clip];
            });
        });
}
