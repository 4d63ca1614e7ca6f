using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;

namespace Pipeline.Streams.Graph;

/// <summary>How clips are scored: their windows, how many are read at once, the model's batch size.</summary>
public sealed record ScoringShape(WindowShape Windows, int ClipsAtOnce, int BatchSize);

/// <summary>
/// The graph that scores clips with a model, the one `evaluate` (and validation in training), `tag` and `embed` run:
/// <code>
///   clips -> audio (several clips at once, each a stream of chunks) -> windows -> failure guard -> batches
///         -> model (an island of its own) -> regroup per clip -> outcomes, in the order clips complete
/// </code>
/// Failures travel as values from the audio to the outcomes (<see cref="ClipNotScored"/>). Every stage is bounded:
/// each clip being read holds a chunk, the batch stage two batches, the asynchronous boundaries a few batches, the
/// regrouping one accumulator per clip in flight; none of it depends on how long the clips are or how many there are.
/// </summary>
public static class ScoringGraph
{
    public static Source<ClipOutcome, NotUsed> Score(
        IEnumerable<ClipRef> clips,
        IClipAudio audio,
        ScoringShape shape,
        Flow<Batch, ScoredBatch, NotUsed> model,
        RegroupOptions options,
        FailurePolicy failures) =>
        Source.From(clips).Via(Flow(audio, shape, model, options, failures));

    /// <summary>
    /// The graph as a flow of clips, for a stream that does not end when a job's clips are all in (a cluster worker's,
    /// fed as it pulls work): there a batch that waits <paramref name="flushAfter"/> for more windows goes out as it is.
    /// </summary>
    public static Flow<ClipRef, ClipOutcome, NotUsed> Flow(
        IClipAudio audio,
        ScoringShape shape,
        Flow<Batch, ScoredBatch, NotUsed> model,
        RegroupOptions options,
        FailurePolicy failures,
        TimeSpan? flushAfter = null)
    {
        var plan = WindowPlan.Every(shape.Windows);
        return Akka.Streams.Dsl.Flow.Create<ClipRef>()
            .MergeMany(shape.ClipsAtOnce, clip => audio.Stream(clip).Via(new WindowStage(plan))).Named("read")
            .Via(new FailureGuardStage(failures))
            .Via(new BatchStage(shape.BatchSize, shape.Windows.WindowSamples, flushAfter: flushAfter))
            .Async()
            .Via(model)
            .Via(new ClipRegroupStage(options));
    }

    /// <summary>The failure guard over outcomes that arrive already scored (a cluster coordinator's): a clip not scored is its failure.</summary>
    public static Flow<ClipOutcome, ClipOutcome, NotUsed> Guarded(FailurePolicy failures) =>
        Akka.Streams.Dsl.Flow.FromGraph(new FailureGuardStage<ClipOutcome>(failures, outcome => outcome switch
        {
            ClipScored scored => new ClipEnded(scored.Clip, scored.Seconds, scored.Warnings),
            ClipNotScored failed => new ClipFailed(failed.Clip, failed.Failure, failed.Reason),
            _ => null,
        }));
}
